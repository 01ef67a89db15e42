/**
 * The connection settings that the quick-connect bar (and its options panel)
 * and the Site Manager form both ask for: protocol, port, logon type, key
 * file, charset and TLS ceiling. Written once so the two places offer the
 * same choices under the same labels; `layout` says which of the two lays
 * the field out (see LabelledField).
 */
import type { ReactElement } from 'react';
import {
  CHARSETS,
  CHARSET_LABELS,
  DEFAULT_PORTS,
  LOGON_TYPE_LABELS,
  PROTOCOLS,
  PROTOCOL_LABELS,
  type Charset,
  type LogonType,
  type Protocol,
  type TlsVersion,
} from '../../../shared/model/session.js';
import { LabelledField, type ControlProps, type FieldLayout } from '../../ui/labelled-field.js';
import { logonTypesFor } from './quick-connect-form.js';

/** A choice among fixed options; its control has no validation of its own, so just an id. */
interface ChoiceFieldProps<T> {
  readonly layout: FieldLayout;
  readonly id: string;
  readonly value: T;
  readonly onChange: (value: T) => void;
}

/** A validated text field: its control's id and ARIA state, and (`row` layout) the problem to show. */
interface TextFieldProps {
  readonly layout: FieldLayout;
  readonly control: ControlProps;
  readonly error?: string | undefined;
  readonly value: string;
  readonly onChange: (value: string) => void;
}

interface Option<T> {
  readonly value: T;
  readonly label: string;
}

/** A labelled <select>: the shape every choice below shares. */
function SelectField<T extends string>({ layout, id, label, options, value, onChange }: ChoiceFieldProps<T> & { readonly label: string; readonly options: readonly Option<T>[] }): ReactElement {
  return (
    <LabelledField layout={layout} id={id} label={label}>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}

const PROTOCOL_OPTIONS: readonly Option<Protocol>[] = PROTOCOLS.map((p) => ({ value: p, label: PROTOCOL_LABELS[p] }));
const CHARSET_OPTIONS: readonly Option<Charset>[] = CHARSETS.map((charset) => ({ value: charset, label: CHARSET_LABELS[charset] }));

/** The protocol. What else changes with it (default port, logon types) is the caller's handler's business. */
export function ProtocolField(props: ChoiceFieldProps<Protocol>): ReactElement {
  return <SelectField {...props} label="Protocol" options={PROTOCOL_OPTIONS} />;
}

/** The port, with the protocol's default as placeholder (empty means that default). */
export function PortField({ layout, control, error, value, onChange, protocol }: TextFieldProps & { readonly protocol: Protocol }): ReactElement {
  return (
    <LabelledField layout={layout} id={control.id} label="Port" error={error} narrow>
      <input
        {...control}
        className={layout === 'row' ? 'input-port' : undefined}
        type="text"
        inputMode="numeric"
        value={value}
        placeholder={String(DEFAULT_PORTS[protocol])}
        autoComplete="off"
        onChange={(e) => onChange(e.target.value)}
      />
    </LabelledField>
  );
}

/** The logon types that make sense for the protocol. */
export function LogonTypeField({ protocol, ...props }: ChoiceFieldProps<LogonType> & { readonly protocol: Protocol }): ReactElement {
  const options = logonTypesFor(protocol).map((type) => ({ value: type, label: LOGON_TYPE_LABELS[type] }));
  return <SelectField {...props} label="Logon type" options={options} />;
}

/** The private key's path (logon type "Key file"). */
export function KeyFileField({ layout, control, error, value, onChange }: TextFieldProps): ReactElement {
  return (
    <LabelledField layout={layout} id={control.id} label="Key file" error={error} grow>
      <input {...control} type="text" value={value} placeholder="~/.ssh/id_ed25519" autoComplete="off" spellCheck={false} onChange={(e) => onChange(e.target.value)} />
    </LabelledField>
  );
}

/** FTP's name encoding. */
export function CharsetField(props: ChoiceFieldProps<Charset>): ReactElement {
  return <SelectField {...props} label="Charset" options={CHARSET_OPTIONS} />;
}

/** The TLS ceiling; each place words its "no ceiling" choice, so the options come in. */
export function TlsVersionField(props: ChoiceFieldProps<TlsVersion | ''> & { readonly options: readonly Option<TlsVersion | ''>[] }): ReactElement {
  return <SelectField {...props} label="Maximum TLS version" />;
}
