import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config';

/**
 * The SMTP transport of the config, or undefined when no SMTP host is set (then reports go to the
 * outbox and webhook only). Short timeouts: an unreachable server fails the attempt quickly and the
 * delivery job's backoff tries again later, rather than hanging a worker.
 */
export function mailTransport(cfg: Config): Transporter | undefined {
  if (!cfg.smtpHost) return undefined;
  return nodemailer.createTransport({
    host: cfg.smtpHost,
    port: cfg.smtpPort,
    secure: cfg.smtpSecure,
    auth: cfg.smtpUser ? { user: cfg.smtpUser, pass: cfg.smtpPassword ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    // Local and test servers present self-signed certificates; real ones are verified.
    tls: { rejectUnauthorized: !/^(127\.|localhost$|::1$)/.test(cfg.smtpHost) },
  });
}
