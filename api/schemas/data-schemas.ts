import { z } from '@hono/zod-openapi';
import { PRODUCER_TYPE_CODES } from '../../domain/producer-types.ts';
import { CATEGORY_CODES } from '../../domain/product-categories.ts';
import { PRODUCER_SORTS } from '../queries/producer-page.ts';
import { PRODUCT_SORTS } from '../queries/product-page.ts';
import { DistrictCode, FiscalYear, PageQuery, ProvinceCode, RoundCode, SubdistrictCode, pageSchema } from '../http/openapi-common.ts';

const Category = z.enum(CATEGORY_CODES);
const ProducerType = z.enum(PRODUCER_TYPE_CODES);
const Order = z.enum(['asc', 'desc']).default('asc');

const commonFilters = {
  fy: FiscalYear.optional(),
  round: RoundCode.optional(),
  province: ProvinceCode.optional(),
  district: DistrictCode.optional(),
  subdistrict: SubdistrictCode.optional(),
  category: Category.optional(),
  producerType: ProducerType.optional(),
  q: z.string().max(200).optional().openapi({ description: 'Text in the name' }),
  order: Order,
  ...PageQuery,
};

export const ProducerQuerySchema = z.object({ ...commonFilters, sort: z.enum(PRODUCER_SORTS).default('name') });
export const ProductQuerySchema = z.object({ ...commonFilters, sort: z.enum(PRODUCT_SORTS).default('name') });

export const ProducerSchema = z
  .object({
    id: z.number().int(),
    thaiId: z.string().openapi({ description: 'Full for the district’s own officers and its province; masked (x-xxxx-xxxxx-45-8) for others' }),
    thaiIdMasked: z.boolean(),
    producerType: ProducerType,
    name: z.string(),
    contactName: z.string().nullable(),
    phone: z.string().nullable(),
    members: z.number().int().nullable(),
    houseNo: z.string().nullable(),
    villageNo: z.number().int().nullable(),
    subdistrictCode: z.string(),
    subdistrictNameTh: z.string(),
    districtCode: z.string(),
    districtNameTh: z.string(),
    provinceCode: z.string(),
    fiscalYears: z.array(z.number().int()),
    registeredAt: z.string().nullable().openapi({ format: 'date-time', description: 'When the producer was registered (latest registration; within the fiscal year when one is asked for)' }),
    updatedAt: z.string(),
  })
  .openapi('Producer');

export const ProductSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    category: Category,
    standards: z.array(z.string()),
    stars: z.number().int().nullable(),
    fiscalYear: z.number().int(),
    roundCode: z.string(),
    districtCode: z.string(),
    districtNameTh: z.string(),
    provinceCode: z.string(),
    subdistrictCode: z.string(),
    subdistrictNameTh: z.string(),
    producerId: z.number().int(),
    producerName: z.string(),
    producerType: ProducerType,
    updatedAt: z.string(),
  })
  .openapi('Product');

export const ProducerPageSchema = pageSchema(ProducerSchema, 'ProducerPage');
export const ProductPageSchema = pageSchema(ProductSchema, 'ProductPage');

export const AuditQuerySchema = z.object({
  round: RoundCode.optional(),
  province: ProvinceCode.optional(),
  district: DistrictCode.optional(),
  action: z.string().max(40).optional(),
  ...PageQuery,
});

export const AuditRowSchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    userId: z.string().nullable(),
    username: z.string(),
    action: z.string(),
    roundCode: z.string().nullable(),
    provinceCode: z.string().nullable(),
    districtCode: z.string().nullable(),
    fromState: z.string().nullable(),
    toState: z.string().nullable(),
    reason: z.string().nullable(),
    timeliness: z.enum(['early', 'on-time', 'late']).nullable(),
    details: z.unknown(),
  })
  .openapi('AuditRow');

export const AuditPageSchema = pageSchema(AuditRowSchema, 'AuditPage');
