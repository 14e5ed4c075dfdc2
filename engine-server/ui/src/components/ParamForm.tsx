import type { ParameterSpec } from '../api';

type Values = Record<string, unknown>;

function applies(spec: ParameterSpec, values: Values) {
  return Object.entries(spec.displayWhen ?? {}).every(([k, allowed]) => {
    const actual = values[k] ?? null;
    return allowed.some((a) => JSON.stringify(a) === JSON.stringify(actual));
  });
}

/** Fills defaults so that displayWhen conditions see what the engine sees. */
function withDefaults(specs: ParameterSpec[], values: Values): Values {
  const out: Values = {};
  for (const s of specs) if (s.defaultValue !== null && s.defaultValue !== undefined) out[s.name] = s.defaultValue;
  return { ...out, ...values };
}

/** A form generated from a node's parameter schema; text fields take {{ }} expressions. */
export function ParamForm(props: { specs: ParameterSpec[]; values: Values; onChange: (v: Values) => void; path?: string }) {
  const effective = withDefaults(props.specs, props.values);
  const set = (name: string, value: unknown) => {
    const next = { ...props.values };
    if (value === undefined || value === '') delete next[name];
    else next[name] = value;
    props.onChange(next);
  };
  return (
    <div className="params">
      {props.specs.filter((s) => applies(s, effective)).map((s) => (
        <Field key={s.name} spec={s} value={props.values[s.name]} fallback={s.defaultValue} onChange={(v) => set(s.name, v)} path={`${props.path ?? ''}${s.name}`} />
      ))}
    </div>
  );
}

function Field({ spec, value, fallback, onChange, path }: {
  spec: ParameterSpec; value: unknown; fallback: unknown; onChange: (v: unknown) => void; path: string;
}) {
  const label = (
    <span className="label">
      {spec.displayName}{spec.required && <b className="req">*</b>}
      {spec.expressions && spec.type !== 'BOOLEAN' && <span className="fx" title="accepts {{ }} expressions">fx</span>}
    </span>
  );
  const testId = `param-${path}`;
  const isExpression = typeof value === 'string' && value.includes('{{');
  switch (spec.type) {
    case 'BOOLEAN':
      return (
        <label className="field check" title={spec.description}>
          <input data-testid={testId} type="checkbox" checked={Boolean(value ?? fallback)} onChange={(e) => onChange(e.target.checked)} />
          {label}
        </label>
      );
    case 'NUMBER':
      return (
        <label className="field" title={spec.description}>
          {label}
          <input
            data-testid={testId}
            value={value === undefined ? '' : String(value)}
            placeholder={fallback === null || fallback === undefined ? spec.placeholder : String(fallback)}
            onChange={(e) => {
              const t = e.target.value;
              onChange(t === '' ? undefined : t.includes('{{') || isNaN(Number(t)) ? t : Number(t));
            }}
          />
        </label>
      );
    case 'OPTIONS':
      return (
        <label className="field" title={spec.description}>
          {label}
          <select data-testid={testId} value={JSON.stringify(value ?? fallback ?? null)} onChange={(e) => onChange(JSON.parse(e.target.value))}>
            {(value ?? fallback) === undefined || (value ?? fallback) === null ? <option value="null">—</option> : null}
            {spec.options.map((o) => <option key={JSON.stringify(o.value)} value={JSON.stringify(o.value)} title={o.description}>{o.label}</option>)}
          </select>
        </label>
      );
    case 'MULTI_OPTIONS': {
      const chosen = (Array.isArray(value) ? value : Array.isArray(fallback) ? fallback : []) as unknown[];
      return (
        <fieldset className="field" title={spec.description}>
          <legend>{label}</legend>
          {spec.options.map((o) => {
            const on = chosen.some((c) => JSON.stringify(c) === JSON.stringify(o.value));
            return (
              <label key={JSON.stringify(o.value)} className="check">
                <input type="checkbox" checked={on} onChange={() => onChange(on ? chosen.filter((c) => JSON.stringify(c) !== JSON.stringify(o.value)) : [...chosen, o.value])} />
                {o.label}
              </label>
            );
          })}
        </fieldset>
      );
    }
    case 'COLLECTION':
      return (
        <fieldset className="field" title={spec.description}>
          <legend>{label}</legend>
          <ParamForm specs={spec.fields} values={(value as Values) ?? {}} onChange={(v) => onChange(Object.keys(v).length ? v : undefined)} path={`${path}.`} />
        </fieldset>
      );
    case 'LIST': {
      const rows = (Array.isArray(value) ? value : []) as Values[];
      return (
        <fieldset className="field" title={spec.description}>
          <legend>{label}</legend>
          {rows.map((row, i) => (
            <div key={i} className="row">
              <ParamForm specs={spec.fields} values={row ?? {}} onChange={(v) => onChange(rows.map((r, j) => (j === i ? v : r)))} path={`${path}.${i}.`} />
              <button className="link danger" onClick={() => onChange(rows.filter((_, j) => j !== i))}>Remove</button>
            </div>
          ))}
          <button data-testid={`${testId}-add`} onClick={() => onChange([...rows, {}])}>Add {spec.displayName.replace(/s$/, '').toLowerCase()}</button>
        </fieldset>
      );
    }
    case 'JSON':
      return (
        <label className="field" title={spec.description}>
          {label}
          <textarea
            data-testid={testId}
            rows={5}
            defaultValue={value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value, null, 2)}
            placeholder={fallback === undefined || fallback === null ? spec.placeholder : JSON.stringify(fallback)}
            onBlur={(e) => {
              const t = e.target.value.trim();
              if (t === '') return onChange(undefined);
              try { onChange(JSON.parse(t)); } catch { onChange(t); }
            }}
          />
        </label>
      );
    default:
      return (
        <label className="field" title={spec.description}>
          {label}
          <input
            data-testid={testId}
            className={isExpression ? 'expr' : ''}
            type={spec.secret ? 'password' : 'text'}
            value={value === undefined || value === null ? '' : String(value)}
            placeholder={fallback === null || fallback === undefined ? spec.placeholder : String(fallback)}
            onChange={(e) => onChange(e.target.value)}
          />
          {spec.description && <small className="muted">{spec.description}</small>}
        </label>
      );
  }
}
