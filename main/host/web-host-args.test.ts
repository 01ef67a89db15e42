import { describe, expect, it } from 'vitest';
import { parseWebHostArgs } from './web-host-args.js';
import { resolveDataDir } from './data-dir.js';

describe('browser host options', () => {
  it('parses --port and --no-open', () => {
    expect(parseWebHostArgs([])).toEqual({ port: 0, open: true });
    expect(parseWebHostArgs(['--port', '8123', '--no-open'])).toEqual({ port: 8123, open: false });
    expect(parseWebHostArgs(['--port=9000'])).toEqual({ port: 9000, open: true });
  });

  it('refuses bad ports and unknown options with a clear message', () => {
    expect(() => parseWebHostArgs(['--port', 'abc'])).toThrow(/--port needs a number/);
    expect(() => parseWebHostArgs(['--prot', '1'])).toThrow(/Unknown option --prot/);
  });

  it('takes the data folder from FERRY_DATA_DIR when set', () => {
    expect(resolveDataDir({ FERRY_DATA_DIR: '/tmp/ferry-x' }, 'linux')).toBe('/tmp/ferry-x');
    expect(resolveDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe('/cfg/ferry');
  });
});
