'use client';
import { useId, type Ref } from 'react';

interface TextFieldProps {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  onBlur: () => void;
  /** Shown under the field and announced with it; also marks the field invalid. */
  error: string | undefined;
  /** The browser's autofill token, e.g. `address-line1`. */
  autoComplete: string;
  type?: 'text' | 'email';
  required?: boolean;
  /** Shown under the label, e.g. "Optional". */
  hint?: string;
  inputMode?: 'text' | 'email';
  /** The most characters the server takes. */
  maxLength?: number;
  ref?: Ref<HTMLInputElement>;
}

/** A labelled text input with its inline validation message. */
export function TextField({ label, name, value, onChange, onBlur, error, autoComplete, type = 'text', required = false, hint, inputMode, maxLength, ref }: TextFieldProps) {
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={error ? 'field invalid' : 'field'}>
      <label htmlFor={id}>
        {label}
        {hint ? (
          <span className="field-hint">
            {' '}
            ({hint})
          </span>
        ) : null}
      </label>
      <input
        ref={ref}
        id={id}
        name={name}
        type={type}
        inputMode={inputMode}
        maxLength={maxLength}
        value={value}
        autoComplete={autoComplete}
        required={required}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={errorId}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
      />
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
