import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('config', () => {
  it('when nothing is set, then the documented defaults apply', () => {
    expect(loadConfig({})).toEqual({
      dbPath: './data/imp-smart.db',
      botNumber: null,
      mediaDir: null,
      dbSynchronous: 'FULL',
      sending: { ratePerSecond: 1, burst: 3, outreachPerMinute: 20, capHourly: 600, capDaily: 4000 },
      transport: 'baileys',
      logLevel: 'info',
      http: { host: '127.0.0.1', port: 3000 },
      conversationExpiryMs: 72 * 3600_000,
      messageRetentionDays: 90,
      consolePhone: '+6281100000000',
      whatsapp: { session: 'default', linkDownAlertMs: 15 * 60_000, webSocketUrl: null },
      caseFollowUpDays: 7,
      quizBankDir: null,
      schedule: { caseSla: '0 8 * * *', retention: '15 2 * * *', pkbDigest: '0 7 * * *', reminders: '0 8 * * *', dinasWeekly: '0 8 * * 1', dinasMonthly: '0 8 5,16 * *', dhis2Push: '30 8 * * *' },
      holidays: [],
      recap: { dueDay: 3, closeDay: 15, pusRule: 'C3', parts: { flows: false, channel: false, mal_traditional: false } },
      dhis2: { mappingFile: null, url: null, auth: null, timeoutMs: 120_000, pushJob: false },
      smartBookDir: null,
    });
  });

  it.each([
    [{ IMP_HTTP_PORT: 'abc' }, /^Invalid configuration: IMP_HTTP_PORT .*\(got "abc"\)$/],
    [{ IMP_TRANSPORT: 'telegram' }, /^Invalid configuration: IMP_TRANSPORT .*\(got "telegram"\)$/],
    [{ IMP_CONVERSATION_EXPIRY_HOURS: '-1' }, /^Invalid configuration: IMP_CONVERSATION_EXPIRY_HOURS/],
    [{ IMP_LOG_LEVEL: 'loud' }, /^Invalid configuration: IMP_LOG_LEVEL/],
    [{ IMP_CRON_CASE_SLA: 'tiap pagi' }, /^Invalid configuration: IMP_CRON_CASE_SLA must be a 5-field cron expression/],
    [{ IMP_CRON_PKB_DIGEST: '7 pagi' }, /^Invalid configuration: IMP_CRON_PKB_DIGEST must be a 5-field cron expression/],
    [{ IMP_HOLIDAYS: '2026-12-25,25/12/2026' }, /^Invalid configuration: IMP_HOLIDAYS must be dates written like 2026-12-25/],
    [{ IMP_HOLIDAYS: '2026-02-30' }, /^Invalid configuration: IMP_HOLIDAYS must be dates/],
    [{ IMP_DHIS2_URL: 'dhis2.example.org' }, /^Invalid configuration: IMP_DHIS2_URL /],
    [{ IMP_DHIS2_URL: 'ftp://dhis2.example.org' }, /^Invalid configuration: IMP_DHIS2_URL must start with http:\/\/ or https:\/\/$/],
    [{ IMP_DHIS2_USERNAME: 'imp' }, /^Invalid configuration: IMP_DHIS2_USERNAME and IMP_DHIS2_PASSWORD go together/],
    [{ IMP_DHIS2_PUSH_JOB: 'yes' }, /^Invalid configuration: IMP_DHIS2_PUSH_JOB /],
    [{ IMP_CRON_DHIS2_PUSH: 'tiap bulan' }, /^Invalid configuration: IMP_CRON_DHIS2_PUSH must be a 5-field cron expression/],
  ])('when %o is set, then start-up stops with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('when a DHIS2 mapping file is set, then the DHIS2 commands and the push read it from there', () => {
    expect(loadConfig({ IMP_DHIS2_MAPPING: '/etc/imp-smart/dhis2-mapping.csv' }).dhis2).toMatchObject({ mappingFile: '/etc/imp-smart/dhis2-mapping.csv' });
  });

  it('when DHIS2 is configured, then the URL loses its trailing slash, the token becomes the ApiToken header, and the secret shows nowhere', () => {
    const config = loadConfig({ IMP_DHIS2_URL: 'https://dhis2.example.org/dhis/', IMP_DHIS2_TOKEN: 'd2pat_secret123', IMP_DHIS2_PUSH_JOB: 'on', IMP_CRON_DHIS2_PUSH: '0 9 * * *' });
    expect(config.dhis2).toMatchObject({ url: 'https://dhis2.example.org/dhis', timeoutMs: 120_000, pushJob: true });
    expect(config.dhis2.auth?.header()).toBe('ApiToken d2pat_secret123');
    expect(config.schedule.dhis2Push).toBe('0 9 * * *');
    expect(JSON.stringify(config)).not.toContain('d2pat_secret123');
    const basic = loadConfig({ IMP_DHIS2_URL: 'https://dhis2.example.org', IMP_DHIS2_USERNAME: 'imp', IMP_DHIS2_PASSWORD: 'pw' });
    expect(basic.dhis2.auth?.header()).toBe(`Basic ${Buffer.from('imp:pw').toString('base64')}`);
    expect(JSON.stringify(basic)).not.toContain('pw"');
  });

  it('when a DHIS2 secret is malformed, then the error line does not repeat it', () => {
    expect(() => loadConfig({ IMP_DHIS2_URL: 'https://user:Rahasia@dhis2.example.org' })).toThrow(/^Invalid configuration: IMP_DHIS2_URL must not hold a user name or password \(they have their own variables\)$/);
  });

  it('when values are set, then they are used', () => {
    const config = loadConfig({ IMP_DB_PATH: '/tmp/x.db', IMP_CONVERSATION_EXPIRY_HOURS: '1', IMP_HTTP_PORT: '8080', IMP_TRANSPORT: 'console' });
    expect(config).toMatchObject({ dbPath: '/tmp/x.db', conversationExpiryMs: 3600_000, http: { port: 8080 }, transport: 'console' });
  });

  it('when holidays and job times are set, then the holidays are read as dates and the times as given', () => {
    const config = loadConfig({ IMP_HOLIDAYS: ' 2027-01-01, 2026-12-25 ,', IMP_CRON_PKB_DIGEST: '30 6 * * *', IMP_CRON_REMINDERS: '0 9 * * 1-6' });
    expect(config.holidays).toEqual(['2026-12-25', '2027-01-01']);
    expect(config.schedule).toMatchObject({ pkbDigest: '30 6 * * *', reminders: '0 9 * * 1-6' });
  });

  it('when the close day moves, then the monthly Dinas summary follows it unless its cron is set', () => {
    expect(loadConfig({ IMP_RECAP_CLOSE_DAY: '20' }).schedule.dinasMonthly).toBe('0 8 5,21 * *');
    expect(loadConfig({ IMP_RECAP_CLOSE_DAY: '20', IMP_CRON_DINAS_MONTHLY: '30 7 6 * *' }).schedule.dinasMonthly).toBe('30 7 6 * *');
    expect(() => loadConfig({ IMP_CRON_DINAS_WEEKLY: 'senin pagi' })).toThrow(/IMP_CRON_DINAS_WEEKLY/);
  });
});
