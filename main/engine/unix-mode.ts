/**
 * Formats the permission bits of a Unix mode as `ls -l` does (`rwxr-sr-t`),
 * for the local pane and for servers that report a numeric mode (MLSD
 * `UNIX.mode`, SFTP attributes).
 */
export function formatUnixMode(mode: number): string {
  const bit = (mask: number, char: string): string => (mode & mask ? char : '-');
  const special = (exec: number, flag: number, on: string, onNoExec: string): string => {
    if (mode & flag) return mode & exec ? on : onNoExec;
    return mode & exec ? 'x' : '-';
  };
  return (
    bit(0o400, 'r') +
    bit(0o200, 'w') +
    special(0o100, 0o4000, 's', 'S') +
    bit(0o040, 'r') +
    bit(0o020, 'w') +
    special(0o010, 0o2000, 's', 'S') +
    bit(0o004, 'r') +
    bit(0o002, 'w') +
    special(0o001, 0o1000, 't', 'T')
  );
}
