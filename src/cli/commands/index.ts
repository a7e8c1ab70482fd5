/** Every operator command, in the order `aihub help` lists them. */
import { CommandRegistry } from '../command-registry.js';
import { backupCommands } from './backup.js';
import { channelCommands } from './channels.js';
import { codeCommands } from './codes.js';
import { configCommands } from './config.js';
import { keyCommands } from './keys.js';
import { logCommands } from './logs.js';
import { priceCommands } from './prices.js';
import { userCommands } from './users.js';

export const operatorCommands = new CommandRegistry([
  ...userCommands,
  ...keyCommands,
  ...channelCommands,
  ...codeCommands,
  ...priceCommands,
  ...configCommands,
  ...backupCommands,
  ...logCommands,
]);
