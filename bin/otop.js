#!/usr/bin/env node
// `npx otop …` in the checkout: runs the TypeScript CLI through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
