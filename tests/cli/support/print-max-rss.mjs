// Preloaded by runOtop({ measureRss: true }): the process's peak memory on stderr at exit,
// which shows how much a command loaded (the whole CLI used to load for `--help`).
process.on('exit', () => process.stderr.write(`max-rss-kb=${process.resourceUsage().maxRSS}\n`));
