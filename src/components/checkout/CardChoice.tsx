'use client';
import { useId } from 'react';
import { cardOutcomeText } from './card-outcome-text';

/** A simulated card the shopper may pay with, as the checkout screen lists it. */
export interface TestCardOption {
  token: string;
  brand: string;
  last4: string;
  /** What paying with it does, e.g. "Approves" or "Declined: insufficient funds". */
  label: string;
}

interface CardChoiceProps {
  cards: readonly TestCardOption[];
  value: string;
  onChange: (token: string) => void;
  /** A payment with the chosen card is on its way or unconfirmed: the card must not change. */
  disabled: boolean;
}

/** The card to pay with, one radio per simulated card: brand and last four digits, and what it does. */
export function CardChoice({ cards, value, onChange, disabled }: CardChoiceProps) {
  const id = useId();
  return (
    <fieldset className="form-section card-choice" aria-describedby={`${id}-hint`} disabled={disabled}>
      <legend>Card</legend>
      <p id={`${id}-hint`} className="hint">
        Simulated payment: these are test cards, and no real card is charged.
      </p>
      <div className="card-options">
        {cards.map((card) => (
          <label key={card.token} className="card-option">
            <input type="radio" name="card" value={card.token} checked={value === card.token} onChange={() => onChange(card.token)} />
            <span className="card-option-text">
              <span className="card-option-name">
                {card.brand} <span aria-hidden="true">••••</span>
                <span className="visually-hidden">ending in</span> {card.last4}
              </span>{' '}
              <span className="card-option-outcome">{cardOutcomeText(card)}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
