'use client';
import { useId } from 'react';
import { TEST_CARDS } from './test-cards';

/** Chooses the test card (a gateway token) to pay with. */
export function PaymentCardField({ value, onChange, disabled }: { value: string; onChange: (token: string) => void; disabled: boolean }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Test card</label>
      <select id={id} name="token" value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)} aria-describedby={`${id}-hint`}>
        {TEST_CARDS.map((card) => (
          <option key={card.token} value={card.token}>
            {card.label}
          </option>
        ))}
      </select>
      <p id={`${id}-hint`} className="hint">
        A simulated gateway: no real card is charged.
      </p>
    </div>
  );
}
