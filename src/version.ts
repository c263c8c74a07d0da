/** VERSION is the package version, printed by `--version` and sent as the User-Agent. */
export const VERSION = '0.1.0';
