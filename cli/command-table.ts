import type { Command } from './command.ts';
import type { CommandName } from './command-help.ts';

/**
 * How to load each command: a dynamic import, so a command's modules (PDF, XLSX, Arrow, the
 * embedded engine) load only when that command runs — `otop --help` and `otop <command> --help`
 * load none of them.
 */
export const COMMAND_LOADERS: Record<CommandName, () => Promise<Command>> = {
  migrate: async () => (await import('./commands/migrate-command.ts')).migrateCommand,
  seed: async () => (await import('./commands/seed-command.ts')).seedCommand,
  plan: async () => (await import('./commands/plan-command.ts')).planCommand,
  office: async () => (await import('./commands/office-command.ts')).officeCommand,
  users: async () => (await import('./commands/users-command.ts')).usersCommand,
  load: async () => (await import('./commands/load-command.ts')).loadCommand,
  template: async () => (await import('./commands/template-command.ts')).templateCommand,
  generate: async () => (await import('./commands/generate-command.ts')).generateCommand,
  geo: async () => (await import('./commands/geo-import-command.ts')).geoCommand,
  report: async () => (await import('./commands/report-command.ts')).reportCommand,
  export: async () => (await import('./commands/export-command.ts')).exportCommand,
};
