import type {Command} from './command.js';
const inspect: Command = {name: 'inspect', summary: '', usage: '', flags: [], async run() { return 1; }};
export default inspect;
