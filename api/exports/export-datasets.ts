import type { ExportDatasetDefinition, ExportDatasetName } from './export-dataset-definition.ts';
import { producersDataset } from './datasets/producers-dataset.ts';
import { productsDataset } from './datasets/products-dataset.ts';
import { registrationsDataset } from './datasets/registrations-dataset.ts';
import { progressDataset } from './datasets/progress-dataset.ts';

/** Every dataset an analyst can export, by name (docs/exports.md documents each). */
export const EXPORT_DATASETS: Readonly<Record<ExportDatasetName, ExportDatasetDefinition>> = {
  producers: producersDataset,
  products: productsDataset,
  registrations: registrationsDataset,
  progress: progressDataset,
};

export const EXPORT_DATASET_NAMES = Object.keys(EXPORT_DATASETS) as ExportDatasetName[];
