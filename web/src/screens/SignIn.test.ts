import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/http';
import { signInMessage } from './SignIn';

describe('signInMessage', () => {
  it('says the email and password do not match on 401, whatever the server wrote', () => {
    expect(signInMessage(new ApiError(401, 'unauthorized', 'Wrong email or password'))).toMatch(/don’t match/);
  });
  it('keeps the wait in a rate-limit message', () => {
    expect(signInMessage(new ApiError(429, 'rate_limited', 'Too many sign-in attempts. Try again in 15 minutes.', undefined, 900))).toBe(
      'Too many sign-in attempts. Try again in 15 minutes.',
    );
  });
  it('passes on a field error as the server wrote it', () => {
    expect(signInMessage(new ApiError(400, 'bad_request', 'email is not an email address', 'email'))).toBe('email is not an email address');
  });
  it('explains a network failure', () => {
    expect(signInMessage(new ApiError(0, 'network', 'Village can’t be reached.'))).toMatch(/can’t be reached/);
  });
});
