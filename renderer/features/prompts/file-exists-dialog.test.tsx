import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { PromptRequest } from '../../../shared/model/prompt.js';
import { FileExistsDialog, validNewName } from './file-exists-dialog.js';

const request: Extract<PromptRequest, { kind: 'file-exists' }> = {
  promptId: 'p1',
  kind: 'file-exists',
  question: {
    jobId: 'j1',
    direction: 'upload',
    source: { path: '/home/me/a.txt', size: 2048, modified: 1_700_000_000_000 },
    target: { path: '/srv/a.txt', size: 10, modified: null },
    suggestedName: 'a (1).txt',
  },
};

describe('file exists dialog', () => {
  it('is a modal named "File exists" with both sides, the actions and apply-to-all', () => {
    const html = renderToStaticMarkup(<FileExistsDialog request={request} failure={null} onAnswer={() => undefined} />);
    expect(html).toMatch(/<dialog[^>]*aria-modal="true"/);
    expect(html).toContain('>File exists</h2>');
    expect(html).toContain('/home/me/a.txt');
    expect(html).toContain('/srv/a.txt');
    expect(html).toContain('2.0 KiB');
    expect(html).toContain('Modified unknown');
    expect(html).toContain('role="radiogroup"');
    for (const label of ['Overwrite', 'Overwrite if source newer', 'Overwrite if size differs', 'Resume', 'Rename', 'Skip']) expect(html).toContain(`/>${label}</label>`);
    expect(html).toContain('Apply to all in this queue');
    expect(html).toContain('>OK</button>');
    expect(html).toContain('>Cancel</button>');
  });

  it('validates a new name', () => {
    expect(validNewName('b.txt')).toBe(true);
    expect(validNewName(' ')).toBe(false);
    expect(validNewName('..')).toBe(false);
    expect(validNewName('x/y')).toBe(false);
  });
});
