// Labelled inputs with a hint and an error that screen readers announce with the field.
import type { ComponentChildren } from 'preact';

let seq = 0;
const nextId = () => `f${++seq}`;

interface Common {
  label: ComponentChildren;
  hint?: ComponentChildren;
  error?: string | undefined;
  name?: string;
  id?: string;
  value?: string;
  onValue?: (v: string) => void;
  placeholder?: string;
  maxLength?: number;
  required?: boolean;
  autoFocus?: boolean;
  autoComplete?: string;
  disabled?: boolean;
}

function ids(p: Common) {
  const fid = p.id ?? (p.name ? `field-${p.name}` : nextId());
  const hintId = p.hint ? `${fid}-hint` : undefined;
  const errId = p.error ? `${fid}-err` : undefined;
  return { fid, hintId, errId, describedBy: [hintId, errId].filter(Boolean).join(' ') || undefined };
}

function Frame(p: Common & { fid: string; hintId: string | undefined; errId: string | undefined; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={p.fid}>{p.label}</label>
      {p.hint && (
        <span class="hint" id={p.hintId}>
          {p.hint}
        </span>
      )}
      {p.children}
      {p.error && (
        <span class="error-text" id={p.errId}>
          {p.error}
        </span>
      )}
    </div>
  );
}

export function TextField(p: Common & { type?: 'text' | 'email' | 'password' | 'search' | 'url'; inputMode?: 'email' | 'text' | 'search'; list?: string }) {
  const i = ids(p);
  // Preact 11 types each input type separately; these attributes are valid HTML for all of them.
  const attrs = {
    id: i.fid,
    name: p.name,
    type: p.type ?? 'text',
    value: p.value,
    placeholder: p.placeholder,
    maxLength: p.maxLength,
    required: p.required,
    autoFocus: p.autoFocus,
    autoComplete: p.autoComplete,
    inputMode: p.inputMode,
    list: p.list,
    disabled: p.disabled,
  };
  return (
    <Frame {...p} {...i}>
      <input
        {...(attrs as object)}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={i.describedBy}
        onInput={(e) => p.onValue?.((e.target as HTMLInputElement).value)}
      />
    </Frame>
  );
}

export function TextArea(p: Common & { rows?: number }) {
  const i = ids(p);
  return (
    <Frame {...p} {...i}>
      <textarea
        id={i.fid}
        name={p.name}
        rows={p.rows}
        value={p.value}
        placeholder={p.placeholder}
        maxLength={p.maxLength}
        disabled={p.disabled}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={i.describedBy}
        onInput={(e) => p.onValue?.((e.target as HTMLTextAreaElement).value)}
      />
    </Frame>
  );
}

export function SelectField(props: {
  label: ComponentChildren;
  hint?: ComponentChildren;
  value: string;
  onValue: (v: string) => void;
  options: { value: string; label: string }[];
  name?: string;
  disabled?: boolean;
}) {
  const fid = props.name ? `field-${props.name}` : nextId();
  const hintId = props.hint ? `${fid}-hint` : undefined;
  return (
    <div class="field">
      <label for={fid}>{props.label}</label>
      {props.hint && (
        <span class="hint" id={hintId}>
          {props.hint}
        </span>
      )}
      <select id={fid} name={props.name} value={props.value} disabled={props.disabled} aria-describedby={hintId} onChange={(e) => props.onValue((e.target as HTMLSelectElement).value)}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Errors on a form: the message, and which field it belongs to. */
export function fieldError(err: unknown, field: string): string | undefined {
  const e = err as { field?: string; message?: string } | undefined;
  return e && e.field === field ? e.message : undefined;
}
