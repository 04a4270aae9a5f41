// A document the system will not print because what it would state is not true.
//
// Thrown by the data builders (api/reports/documents/*-data.ts), mapped to an HTTP problem
// once (api/http/document-problem.ts), and understood by the acts that issue documents
// (api/workflow/issue-documents.ts): an act does not fail for a document it must not issue.

export type DocumentRefusalKind =
  | 'nothing-certified'; // a certification announcement when no district of the province is certified for the round

export interface DocumentRefusalInfo {
  document: string;
  provinceCode?: string;
  roundCode?: string;
}

export class DocumentRefusal extends Error {
  constructor(
    readonly kind: DocumentRefusalKind,
    readonly info: DocumentRefusalInfo,
  ) {
    super(`${info.document}: ${kind}`);
    this.name = 'DocumentRefusal';
  }
}
