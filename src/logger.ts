import { pino, type Logger } from 'pino';

/**
 * The one logger. Anything that could hold a secret is redacted by path as a second line of defence;
 * the first is never to log credentials at all.
 */
export function createLogger(level = 'info'): Logger {
  return pino({
    level,
    redact: {
      paths: [
        'apiToken',
        '*.apiToken',
        'password',
        '*.password',
        'authorization',
        '*.authorization',
        'headers.authorization',
        'clientSecret',
        '*.clientSecret',
        'accessToken',
        '*.accessToken',
        'refreshToken',
        '*.refreshToken',
      ],
      censor: '[redacted]',
    },
  });
}
