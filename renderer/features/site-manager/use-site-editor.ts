/**
 * The settings form's state for one site: what is typed, what it was when
 * loaded (to know whether there are unsaved changes), the secrets typed or
 * cleared, and the problems to show. Follows the site: another site resets
 * it; the same site changed by main (saved here, or from another window)
 * resets it too unless the user has edits, which are kept.
 */
import { useState } from 'react';
import type { Protocol } from '../../../shared/model/session.js';
import type { Site } from '../../../shared/model/site.js';
import { formToSite, sameForm, siteToForm, switchSiteProtocol, type FormToSiteResult, type SiteForm } from './site-form.js';
import { NO_SECRET_EDITS, type SecretEdit, type SecretEdits, type SiteFormErrors } from './site-form-rules.js';

interface EditorState {
  /** The site object the form was last loaded from (identity tells main's updates apart). */
  readonly source: Site | null;
  readonly baseline: SiteForm | null;
  readonly form: SiteForm | null;
  readonly secrets: SecretEdits;
  readonly errors: SiteFormErrors;
}

/** The form state and what can be done with it. */
export interface SiteEditor {
  readonly form: SiteForm | null;
  readonly secrets: SecretEdits;
  readonly errors: SiteFormErrors;
  /** Unsaved edits: a field changed, or a secret typed or cleared. */
  readonly dirty: boolean;
  update(patch: Partial<SiteForm>): void;
  setProtocol(protocol: Protocol): void;
  setSecret(kind: keyof SecretEdits, edit: SecretEdit): void;
  /** Validates; on failure shows the problems and returns them. */
  check(): FormToSiteResult | null;
  /** After a successful save: what is on screen is now what is stored. */
  markSaved(): void;
  /** Throws the edits away. */
  discard(): void;
}

const load = (site: Site | null): EditorState => {
  const form = site ? siteToForm(site) : null;
  return { source: site, baseline: form, form, secrets: NO_SECRET_EDITS, errors: {} };
};

function isDirty(state: EditorState): boolean {
  if (!state.form || !state.baseline) return false;
  const { password, passphrase } = state.secrets;
  return !sameForm(state.form, state.baseline) || password.typed !== '' || password.clear || passphrase.typed !== '' || passphrase.clear;
}

/** Clears the problem shown for each field the patch touches. */
function withoutErrors(errors: SiteFormErrors, fields: readonly string[]): SiteFormErrors {
  if (!fields.some((field) => field in errors)) return errors;
  const next: Record<string, string> = { ...errors };
  for (const field of fields) delete next[field];
  return next;
}

/** The editor for `site` (null: nothing selected, or a folder). */
export function useSiteEditor(site: Site | null): SiteEditor {
  const [state, setState] = useState<EditorState>(() => load(site));
  let current = state;
  if (site !== state.source) {
    // Adjusted during render (React's pattern for state derived from props): no flash of the old site.
    if (!site || !state.source || site.id !== state.source.id || !isDirty(state)) current = load(site);
    else current = { ...state, source: site, baseline: siteToForm(site) };
    setState(current);
  }

  const patch = (change: (s: EditorState) => Partial<EditorState>): void => setState((s) => ({ ...s, ...change(s) }));

  return {
    form: current.form,
    secrets: current.secrets,
    errors: current.errors,
    dirty: isDirty(current),
    update(fields) {
      patch((s) => ({ form: s.form ? { ...s.form, ...fields } : s.form, errors: withoutErrors(s.errors, Object.keys(fields)) }));
    },
    setProtocol(protocol) {
      patch((s) => ({ form: s.form ? switchSiteProtocol(s.form, protocol) : s.form, errors: withoutErrors(s.errors, ['port', 'user']) }));
    },
    setSecret(kind, edit) {
      patch((s) => ({ secrets: { ...s.secrets, [kind]: edit }, errors: withoutErrors(s.errors, [kind]) }));
    },
    check() {
      if (!current.form || !current.source) return null;
      const result = formToSite(current.form, current.source, current.secrets);
      if (!result.ok) patch(() => ({ errors: result.errors }));
      return result;
    },
    markSaved() {
      patch((s) => ({ baseline: s.form, secrets: NO_SECRET_EDITS, errors: {} }));
    },
    discard() {
      setState(load(current.source));
    },
  };
}
