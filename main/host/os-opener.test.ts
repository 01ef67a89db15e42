import { describe, expect, it } from 'vitest';
import { openCommand } from './os-opener.js';

describe('openCommand', () => {
  it('uses the OS opener per platform', () => {
    expect(openCommand('/a b.txt', 'view', 'linux', undefined)).toEqual(['xdg-open', ['/a b.txt']]);
    expect(openCommand('/a.txt', 'view', 'darwin', undefined)).toEqual(['open', ['/a.txt']]);
    expect(openCommand('C:\\a.txt', 'view', 'win32', undefined)).toEqual(['cmd', ['/c', 'start', '""', 'C:\\a.txt']]);
  });
  it('uses the configured editor for edits only, without a shell', () => {
    expect(openCommand('/t/a;rm.txt', 'edit', 'linux', 'code --wait')).toEqual(['code', ['--wait', '/t/a;rm.txt']]);
    expect(openCommand('/t/a.txt', 'view', 'linux', 'code --wait')).toEqual(['xdg-open', ['/t/a.txt']]);
  });
});
