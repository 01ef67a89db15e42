import { describe, expect, it } from 'vitest';
import { createEventBus } from '../ipc/event-bus.js';
import { createLogService } from './log-service.js';

describe('log service', () => {
  it('numbers lines, keeps history and caps very long lines', () => {
    const bus = createEventBus();
    const log = createLogService(bus, () => 1000);
    log.write(null, 'info', 'hello');
    log.forSession('s1')('command', 'x'.repeat(5000));
    const history = log.history();
    expect(history.map((entry) => [entry.seq, entry.sessionId, entry.kind])).toEqual([
      [1, null, 'info'],
      [2, 's1', 'command'],
    ]);
    expect(history[1]?.text.length).toBe(2001);
    bus.flush();
  });

  it('keeps only the most recent 5000 lines', () => {
    const log = createLogService(createEventBus());
    for (let i = 0; i < 5100; i++) log.write(null, 'info', `line ${i}`);
    const history = log.history();
    expect(history).toHaveLength(5000);
    expect(history[0]?.text).toBe('line 100');
  });
});
