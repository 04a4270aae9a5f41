import { makeIssue, type Issue, type IssueCode, type IssueMessage } from '../../domain/issue-codes.ts';

/** Thrown by a reader when the file as a whole cannot be taken; carries the file-level issue. */
export class FileRefusal extends Error {
  readonly issue: Issue;
  constructor(code: IssueCode, detail?: IssueMessage) {
    const issue = makeIssue(code, detail ? { detail } : {});
    super(issue.message.en);
    this.name = 'FileRefusal';
    this.issue = issue;
  }
}
