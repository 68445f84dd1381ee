import type { Command } from 'commander'; import type { Io } from '../io.ts'; export function registerStaff(_p: Command, _io: Io): void {}
