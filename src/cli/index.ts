/** The CLI entry (`argocd-image-promoter`): runs the program and sets the exit code; nothing else. */
import { main } from './program.js';

process.exitCode = await main(process.argv);
