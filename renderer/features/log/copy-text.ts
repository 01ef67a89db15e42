/**
 * Copies text to the clipboard. The async Clipboard API is refused in some
 * contexts (a page without focus, file:// in some Electron setups, browsers
 * without permission), so it falls back to a hidden textarea and
 * `execCommand('copy')`, which still works from a click handler.
 */

export interface CopyEnvironment {
  readonly clipboard?: { writeText(text: string): Promise<void> } | undefined;
  readonly document?: Document | undefined;
}

function copyWithTextarea(text: string, doc: Document): boolean {
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  doc.body.appendChild(area);
  const active = doc.activeElement as HTMLElement | null;
  area.select();
  try {
    return doc.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
    active?.focus();
  }
}

export async function copyText(text: string, env: CopyEnvironment = defaultEnvironment()): Promise<boolean> {
  if (env.clipboard) {
    try {
      await env.clipboard.writeText(text);
      return true;
    } catch {
      // fall through to the textarea
    }
  }
  return env.document ? copyWithTextarea(text, env.document) : false;
}

function defaultEnvironment(): CopyEnvironment {
  return {
    clipboard: typeof navigator === 'undefined' ? undefined : navigator.clipboard,
    document: typeof document === 'undefined' ? undefined : document,
  };
}
