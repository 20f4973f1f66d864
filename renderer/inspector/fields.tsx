import { useEffect, useId, useState, type ReactNode } from 'react';
import type { PropDef } from '../../shared/catalog';

/** Inspector form fields, one per catalog prop type. An empty value removes the setting (the default applies). */

export interface FieldProps {
  def: PropDef;
  value: unknown;
  onChange(value: unknown): void;
  /** Problems from validation for this setting. */
  errors?: readonly string[];
}

/** Help text from the catalog, with its `code` spans shown as code. */
export function HelpText({ text }: { text: string }) {
  const parts = text.split('`');
  if (parts.length < 3) return <>{text}</>;
  return <>{parts.map((p, i) => (i % 2 ? <code key={i}>{p}</code> : p))}</>;
}

/** The placeholder of an empty setting: the default the generators apply, said to be one (a bare value read as if it were set). */
function shownDefault(def: PropDef): string {
  const d = def.default;
  if (d === '' || d === undefined || d === null || (Array.isArray(d) && !d.length)) return '';
  if (Array.isArray(d)) return `${d.join(', ')} (default)`;
  return `${String(d)} (default)`;
}

export function FieldShell(props: { id: string; label: string; help?: string; errors?: readonly string[]; children: ReactNode; inline?: boolean; extra?: ReactNode }) {
  const { id, label, help, errors, children, inline, extra } = props;
  return (
    <div className={`field${inline ? ' field-inline' : ''}${errors?.length ? ' has-error' : ''}`}>
      <div className="field-label">
        <label htmlFor={id}>{label}</label>
        {extra}
      </div>
      {children}
      {errors?.length ? (
        <div className="field-error" id={`${id}-err`} role="alert">
          {errors.map((e, i) => (
            <div key={i}>{e}</div>
          ))}
        </div>
      ) : null}
      {help ? (
        <div className="field-help" id={`${id}-help`}>
          <HelpText text={help} />
        </div>
      ) : null}
    </div>
  );
}

function describedBy(id: string, errors?: readonly string[], help?: string): string | undefined {
  return [errors?.length ? `${id}-err` : '', help ? `${id}-help` : ''].filter(Boolean).join(' ') || undefined;
}

/**
 * 65,535: digits grouped by threes, as `Intl.NumberFormat('en-US')` writes them. Written out: the
 * first `Intl.NumberFormat` of a page costs ~20 ms (its locale data), paid when the first
 * component is selected, which in a large design is the press that starts a drag.
 */
export function grouped(n: number): string {
  const s = String(Math.abs(n));
  // 1e+21, Infinity, NaN, more than three decimals (rounded there): the formatter's own answer.
  if (!/^\d+(\.\d{1,3})?$/.test(s)) return n.toLocaleString('en-US');
  const [whole, frac] = s.split('.');
  return `${n < 0 ? '-' : ''}${whole!.replace(/\B(?=(\d{3})+$)/g, ',')}${frac ? `.${frac}` : ''}`;
}

/** A text input that keeps what the user types until it is valid, then commits. */

function NumberInput({ def, value, onChange, errors }: FieldProps) {
  const id = useId();
  const committed = typeof value === 'number' ? String(value) : value === undefined ? '' : String(value);
  const [text, setText] = useState(committed);
  const [local, setLocal] = useState<string | undefined>();
  useEffect(() => {
    setText((t) => (Number(t) === Number(committed) && t.trim() !== '' ? t : committed));
    setLocal(undefined);
  }, [committed]);
  const range = def.min !== undefined && def.max !== undefined ? `${grouped(def.min)}–${grouped(def.max)}` : '';
  const change = (t: string) => {
    setText(t);
    const trimmed = t.trim().replace(/[_,\s]/g, '');
    if (trimmed === '') {
      setLocal(undefined);
      onChange(undefined);
      return;
    }
    const n = Number(trimmed);
    if (!Number.isFinite(n)) return setLocal(`${def.label} must be a number.`);
    if (def.type === 'integer' && !Number.isInteger(n)) return setLocal(`${def.label} must be a whole number.`);
    setLocal(undefined);
    onChange(n);
  };
  const errs = local ? [local, ...(errors ?? [])] : errors;
  return (
    <FieldShell id={id} label={def.label} help={def.help} errors={errs} extra={range ? <span className="field-range">{range}</span> : null}>
      <input
        id={id}
        className="input input-number"
        inputMode={def.type === 'integer' ? 'numeric' : 'decimal'}
        value={text}
        placeholder={shownDefault(def)}
        aria-invalid={!!errs?.length}
        aria-describedby={describedBy(id, errs, def.help)}
        onChange={(e) => change(e.target.value)}
        // What is not a number is not kept: leaving the field shows the value the design has again.
        onBlur={() => {
          if (!local) return;
          setText(committed);
          setLocal(undefined);
        }}
      />
    </FieldShell>
  );
}

function TextInput({ def, value, onChange, errors, multiline }: FieldProps & { multiline?: boolean }) {
  const id = useId();
  const v = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  const common = {
    id,
    value: v,
    placeholder: def.placeholder ?? shownDefault(def),
    maxLength: def.maxLength,
    'aria-invalid': !!errors?.length,
    'aria-describedby': describedBy(id, errors, def.help),
  };
  return (
    <FieldShell id={id} label={def.label} help={def.help} errors={errors}>
      {multiline ? (
        <textarea className="input textarea" rows={3} {...common} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)} />
      ) : (
        <input className="input" spellCheck={false} {...common} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)} />
      )}
    </FieldShell>
  );
}

function BoolInput({ def, value, onChange, errors }: FieldProps) {
  const id = useId();
  const checked = typeof value === 'boolean' ? value : def.default === true;
  return (
    <div className={`field field-switch${errors?.length ? ' has-error' : ''}`}>
      <label className="switch" htmlFor={id}>
        <input id={id} type="checkbox" role="switch" checked={checked} aria-describedby={describedBy(id, errors, def.help)} onChange={(e) => onChange(e.target.checked === def.default ? undefined : e.target.checked)} />
        <span className="switch-track" aria-hidden="true" />
        <span className="field-label">{def.label}</span>
      </label>
      {errors?.length ? (
        <div className="field-error" id={`${id}-err`} role="alert">
          {errors.join(' ')}
        </div>
      ) : null}
      <div className="field-help" id={`${id}-help`}>
        <HelpText text={def.help} />
      </div>
    </div>
  );
}

function EnumInput({ def, value, onChange, errors }: FieldProps) {
  const id = useId();
  const options = def.options ?? [];
  const v = value === undefined ? String(def.default) : String(value);
  return (
    <FieldShell id={id} label={def.label} help={def.help} errors={errors}>
      <select id={id} className="input select" value={v} aria-invalid={!!errors?.length} aria-describedby={describedBy(id, errors, def.help)} onChange={(e) => onChange(e.target.value === def.default ? undefined : e.target.value)}>
        {!options.includes(v) ? <option value={v}>{v} (not allowed)</option> : null}
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
            {o === def.default ? ' (default)' : ''}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** Chips with a remove button, and an input that adds on Enter or comma. */
export function StringListInput({ def, value, onChange, errors }: FieldProps) {
  const id = useId();
  const list = Array.isArray(value) ? value.map(String) : Array.isArray(def.default) ? (def.default as unknown[]).map(String) : [];
  const usingDefault = !Array.isArray(value);
  const [draft, setDraft] = useState('');
  const commit = () => {
    const items = draft.split(',').map((s) => s.trim()).filter(Boolean);
    if (!items.length) return;
    onChange([...list, ...items.filter((i) => !list.includes(i))]);
    setDraft('');
  };
  return (
    <FieldShell id={id} label={def.label} help={def.help} errors={errors}>
      <div className={`chips${usingDefault ? ' is-default' : ''}`}>
        {list.map((item, i) => (
          <span className="chip" key={`${item}-${i}`}>
            {item}
            <button type="button" className="chip-remove" aria-label={`Remove ${item}`} onClick={() => onChange(list.filter((_, j) => j !== i))}>
              ×
            </button>
          </span>
        ))}
        <input
          id={id}
          className="chips-input"
          value={draft}
          placeholder={list.length ? 'Add…' : 'Type and press Enter'}
          aria-describedby={describedBy(id, errors, def.help)}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ',') {
              e.preventDefault();
              commit();
            } else if (e.key === 'Backspace' && !draft && list.length) {
              onChange(list.slice(0, -1));
            }
          }}
        />
      </div>
    </FieldShell>
  );
}

/** A list of objects (topics, queues, ...): one card per item with its own fields. */
function ObjectListInput({ def, value, onChange, errors }: FieldProps) {
  const items = Array.isArray(value) ? (value as Record<string, unknown>[]) : Array.isArray(def.default) ? (def.default as Record<string, unknown>[]) : [];
  const fields = def.item ?? [];
  const keyField = def.itemKey;
  const singular = def.label.replace(/s$/, '').toLowerCase();
  // Which items are expanded: new (unnamed) ones start open; the user's toggling is kept while typing.
  const [open, setOpen] = useState<ReadonlySet<number>>(() => new Set(items.flatMap((it, i) => (keyField && !it?.[keyField] ? [i] : []))));
  const toggle = (i: number, isOpen: boolean) => {
    if (open.has(i) === isOpen) return;
    const next = new Set(open);
    if (isOpen) next.add(i);
    else next.delete(i);
    setOpen(next);
  };
  const setItem = (i: number, key: string, v: unknown) => {
    const next = items.map((it, j) => {
      if (j !== i) return it;
      const copy = { ...it };
      if (v === undefined) delete copy[key];
      else copy[key] = v;
      return copy;
    });
    onChange(next);
  };
  return (
    <div className={`field field-list${errors?.length ? ' has-error' : ''}`}>
      <div className="field-label field-list-head">
        <span>{def.label}</span>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            setOpen(new Set([...open, items.length]));
            onChange([...items, keyField ? { [keyField]: '' } : {}]);
          }}
        >
          Add {singular}
        </button>
      </div>
      <div className="field-help">
        <HelpText text={def.help} />
      </div>
      {errors?.length ? (
        <div className="field-error" role="alert">
          {errors.map((e, i) => (
            <div key={i}>{e}</div>
          ))}
        </div>
      ) : null}
      {items.length === 0 ? <div className="field-list-empty">None yet.</div> : null}
      {items.map((item, i) => {
        const name = keyField && typeof item?.[keyField] === 'string' && item[keyField] ? String(item[keyField]) : `${singular} ${i + 1}`;
        return (
          <details className="list-item" key={i} open={open.has(i)} onToggle={(e) => toggle(i, (e.currentTarget as HTMLDetailsElement).open)}>
            <summary>
              <span className="list-item-name">{name}</span>
              <button
                type="button"
                className="btn-icon"
                aria-label={`Remove ${name}`}
                onClick={(e) => {
                  e.preventDefault();
                  setOpen(new Set([...open].filter((j) => j !== i).map((j) => (j > i ? j - 1 : j))));
                  onChange(items.filter((_, j) => j !== i));
                }}
              >
                ×
              </button>
            </summary>
            <div className="list-item-fields">
              {fields.map((f) => (
                <PropField key={f.key} def={f} value={item?.[f.key]} onChange={(v) => setItem(i, f.key, v)} />
              ))}
            </div>
          </details>
        );
      })}
    </div>
  );
}

export function PropField(props: FieldProps) {
  switch (props.def.type) {
    case 'integer':
    case 'number':
      return <NumberInput {...props} />;
    case 'boolean':
      return <BoolInput {...props} />;
    case 'enum':
      return <EnumInput {...props} />;
    case 'text':
      return <TextInput {...props} multiline />;
    case 'string-list':
      return <StringListInput {...props} />;
    case 'list':
      return <ObjectListInput {...props} />;
    default:
      return <TextInput {...props} />;
  }
}
