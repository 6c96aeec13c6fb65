import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { forgetPaymentNotice, leavePaymentNotice, PAYMENT_NOTICE_TEXT, paymentNoticeFor, peekPaymentNotice } from './payment-notice';

describe('paymentNoticeFor', () => {
  it('tells a reload apart from an automatic retry and from "Try again"', () => {
    expect(paymentNoticeFor('press', true)).toBe('reconnected');
    expect(paymentNoticeFor('try-again', true)).toBe('confirmed');
    expect(paymentNoticeFor('reload', false)).toBe('resumed');
    expect(paymentNoticeFor('reload', true)).toBe('resumed');
  });

  it('says nothing about a payment answered the first time', () => {
    expect(paymentNoticeFor('press', false)).toBeNull();
    expect(paymentNoticeFor('try-again', false)).toBeNull();
  });

  it('never blames the shopper for a retry the shop made', () => {
    expect(PAYMENT_NOTICE_TEXT.reconnected).not.toMatch(/your (first )?attempt/i);
    for (const text of Object.values(PAYMENT_NOTICE_TEXT)) expect(text).toContain('you were charged once');
  });
});

describe('leavePaymentNotice / peekPaymentNotice / forgetPaymentNotice', () => {
  it('hands the notice to its order’s receipt until it is forgotten', () => {
    const queryClient = new QueryClient();
    leavePaymentNotice(queryClient, 'order-1', 'reconnected');
    expect(peekPaymentNotice(queryClient, 'order-2')).toBeNull();
    expect(peekPaymentNotice(queryClient, 'order-1')).toBe('reconnected');
    forgetPaymentNotice(queryClient, 'order-1');
    expect(peekPaymentNotice(queryClient, 'order-1')).toBeNull();
  });

  it('keeps it out of the URL: a fresh page load (a new query cache) has none', () => {
    leavePaymentNotice(new QueryClient(), 'order-1', 'resumed');
    expect(peekPaymentNotice(new QueryClient(), 'order-1')).toBeNull();
  });
});
