import { describe, expect, it } from 'vitest';
import { formatLogLine, formatLogText, formatLogTime } from './log-format.js';

describe('log formatting', () => {
  it('shows local time with milliseconds', () => {
    const t = new Date(2024, 0, 2, 3, 4, 5, 6).getTime();
    expect(formatLogTime(t)).toBe('03:04:05.006');
  });

  it('labels kinds in words, so errors are not marked by colour alone', () => {
    const t = new Date(2024, 0, 2, 13, 0, 0, 0).getTime();
    expect(formatLogLine({ seq: 1, time: t, sessionId: 's', kind: 'error', text: 'Login incorrect.' })).toBe('13:00:00.000 Error: Login incorrect.');
    const text = formatLogText([
      { seq: 1, time: t, sessionId: 's', kind: 'command', text: 'USER ann' },
      { seq: 2, time: t, sessionId: 's', kind: 'reply', text: '331 Password required' },
    ]);
    expect(text).toBe('13:00:00.000 Command: USER ann\n13:00:00.000 Response: 331 Password required');
  });
});
