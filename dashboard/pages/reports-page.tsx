import { useApp } from '../app-context.ts';
import { FilterBar } from '../components/filter-bar.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { Loading } from '../components/status.tsx';
import { EXPORT_DATASETS, EXPORT_FORMATS, REPORT_LINK_ROLES, REPORT_SLUGS, exportHref, letterZipHref, reportHref, type DownloadScope } from '../model/download-links.ts';
import { useLocation } from '../router.ts';
import { parseQuery } from '../url-state.ts';
import { useFiscalYears } from '../use-fiscal-years.ts';
import { ScrollRegion } from '../components/scroll-region.tsx';

/**
 * PDF report forms and analyst data sets for the current scope. The scope is the user's own
 * (the API narrows every download to it again) refined by the URL's filters.
 */
export function ReportsPage() {
  const { t, me } = useApp();
  const loc = useLocation();
  const q = parseQuery(loc.search);
  const { years, fy, ready } = useFiscalYears(q.fy);
  const user = me!.user;
  const scope: DownloadScope = {
    fy,
    round: q.q ? `${fy}-Q${q.q}` : null,
    province: user.provinceCode ?? q.province,
    district: user.districtCode ?? q.district,
    category: q.category,
  };
  const slugs = REPORT_SLUGS.filter((s) => REPORT_LINK_ROLES[s].includes(user.role));
  return (
    <section class="reports">
      <PageHeading title={t.reports.title} />
      <FilterBar fields={['fy', 'q', 'category']} years={years} fy={fy} />
      {!ready ? <Loading /> : (
      <div class="grid-2">
        <section class="card" aria-labelledby="pdf-title">
          <h2 id="pdf-title">{t.reports.pdfs}</h2>
          <ul class="downloads">
            {slugs.map((slug) => (
              <li key={slug}>
                <a href={reportHref(slug, scope)} download data-report={slug}>
                  {t.reports.slugs[slug] ?? slug}
                </a>{' '}
                <span class="muted small">PDF</span>
              </li>
            ))}
            {REPORT_LINK_ROLES.letter.includes(user.role) && (
              <li>
                <a href={letterZipHref(scope)} download data-report="letter-zip">
                  {t.reports.slugs['letter-zip'] ?? 'letter.zip'}
                </a>{' '}
                <span class="muted small">ZIP</span>
              </li>
            )}
          </ul>
        </section>
        <section class="card" aria-labelledby="export-title">
          <h2 id="export-title">{t.reports.exports}</h2>
          <ScrollRegion label={t.reports.exports}>
          <table class="data compact">
            <caption class="visually-hidden">{t.reports.exports}</caption>
            <thead>
              <tr>
                <th scope="col">{t.reports.dataset}</th>
                {EXPORT_FORMATS.map((f) => (
                  <th scope="col" key={f}>
                    {t.reports.formats[f]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {EXPORT_DATASETS.map((d) => (
                <tr key={d}>
                  <th scope="row">{t.reports.datasets[d]}</th>
                  {EXPORT_FORMATS.map((f) => (
                    <td key={f}>
                      <a href={exportHref(d, f, scope)} download data-export={`${d}.${f}`} aria-label={`${t.reports.download} ${t.reports.datasets[d]} ${t.reports.formats[f]}`}>
                        {t.reports.download}
                      </a>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          </ScrollRegion>
        </section>
      </div>
      )}
    </section>
  );
}
