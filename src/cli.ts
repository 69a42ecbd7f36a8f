// `imp-smart`: the command line. Answers `help` itself; every other command is parsed and run by cli-commands.ts,
// imported only then (it loads the configuration, the database and whatever the command needs).

export const HELP = `imp-smart — WhatsApp bot and reporting backend for the Kader IMP of Kabupaten Gowa

Usage: imp-smart <command> [options]

Commands:
  serve [--pair-code +62…]       run the bot (transport from IMP_TRANSPORT) and the HTTP API; what npm start runs.
                                 WhatsApp without a session prints a QR code; --pair-code prints a code instead
  simulate [--people FILE.csv] [--media-dir DIR]
                                 run a transcript from stdin through the bot; every outbound message to stdout
                                 (images and documents as [gambar: NAME] / [dokumen: NAME]; --media-dir writes the
                                 files into DIR). With --db PATH a later run continues the story, from the clock the
                                 last run left
  chat --as +62…                 talk to the bot in this terminal as that phone number (an existing database)
  people import FILE.csv         register people (phone,name,role,area,unit); all rows or nothing
  people list                    show who is registered and who has written to the bot at least once
  people invite [--area CODE] [--out FILE.pdf|FILE.png] [--bot-number +62…]
                                 click-to-chat links and a QR sheet for registered people who never wrote (the bot
                                 never writes first); bot number from --bot-number, IMP_BOT_NUMBER or the session
  people forget PHONE            data-subject request: de-identify the person, delete that number's messages
  people deactivate PHONE        deactivate a person (never deleted; history kept)
  people activate PHONE          reactivate a person
  areas list [--period YYYY-MM]  kecamatan and desa with codes, and who takes part in the period
  areas join CODE --from YYYY-MM   a desa (or every desa of a kecamatan/kabupaten code) takes part from that month
  areas leave CODE --from YYYY-MM  ... stops taking part from that month
  groups list                    the WhatsApp groups the bot has seen, with what each is bound to
  groups set GROUP-ID pkb KECAMATAN | GROUP-ID dinas
                                 bind a group to a kecamatan's PKB (code or name) or to the Dinas, as DAFTAR GRUP
                                 does inside the group; one group per kecamatan (a new one replaces the old)
  groups remove GROUP-ID         unbind a group (HAPUS GRUP): its messages go to the people one by one again
  token create --role dinas|koordinator|pkb|admin [--area CODE] --name NAME
                                 an HTTP API / dashboard token, printed once (only its hash is kept). --area: a
                                 kecamatan for koordinator; a kecamatan or desa codes separated by ";" for pkb;
                                 none for dinas and admin (the kabupaten)
  token list                     the tokens: number, prefix, role, area, name, last use, revoked (never the token)
  token revoke ID                revoke a token at once (its dashboard sessions end too)
  export recap --period YYYY-MM [--kecamatan CODE] --format csv|xlsx [--out FILE]
                                 one row per desa/kelurahan of the scope, also those that have not reported: every
                                 field, the indicators, status, version, sent/verified (WITA), late, confirmed
                                 warnings; Indonesian headers and values, codes in extra columns. csv goes to stdout
                                 without --out; xlsx to rekap-<period>[-<kec>].xlsx, with a JUMLAH row of verified
                                 recaps and a paper-form (F/I/Dal) sheet per desa for A4
  export cases --period YYYY-MM [--kecamatan CODE] --format csv|xlsx [--out FILE]   unmet-need cases reported that month, no personal data
  export meetings --period YYYY-MM [--kecamatan CODE] --format csv|xlsx [--out FILE]
                                 the meetings recorded for that month, one row each: level, kecamatan, desa, dusun,
                                 kind, date, place, attendance by role and total, KIE Kit, topics, follow-up, reporter,
                                 and who checked in (name and role, no phone numbers); xlsx to pertemuan-<period>[-<kec>].xlsx
  dhis2 metadata [--out FILE.json] [--mapping FILE.csv] [--no-org-units]
                                 the DHIS2 metadata import file (default imp-smart-dhis2.json): the F/I/Dal data
                                 set, a data element per recap field, CPR/mCPR/unmet need/MKJP indicators, the hard
                                 rules as validation rules, the kabupaten's org unit tree (not with --no-org-units);
                                 fixed UIDs, so a re-import updates
  dhis2 export --period YYYY-MM [--kecamatan CODE] [--include-unverified] [--mapping FILE.csv] [--out FILE.json]
                                 the month's verified desa recaps as a DHIS2 dataValueSets payload by code (default
                                 dhis2-<period>[-<kec>].json) and their completeness registrations (<out>.complete.json);
                                 --mapping (or IMP_DHIS2_MAPPING) puts the instance's own codes in place of ours
  dhis2 push --period YYYY-MM [--kecamatan CODE] [--include-unverified] [--dry-run] [--force] [--all]
                                 send the period's desa recaps (verified only, unless --include-unverified) to the
                                 DHIS2 server of IMP_DHIS2_URL: only values changed since the last push (--all: every
                                 value); DHIS2 checks them first (dry run) and conflicts stop the push unless --force;
                                 --dry-run stops after the check; then each desa whose values are all in DHIS2 is
                                 registered as complete. Exit code 1 when anything is not in DHIS2 afterwards
  dhis2 status [--period YYYY-MM]  the DHIS2 server configured, the push job, and the last pushes
  quiz banks                     the workshop quiz banks (bundled, or IMP_QUIZ_BANK_DIR), checked
  quiz open NAME [--bank ID] [--area CODE]
                                 open a workshop's pre-test (the same NAME again opens its post-test) and print the
                                 code cadres send as KUIS <code>; --area: the kabupaten (default), a kecamatan or desa
  quiz close CODE                stop a test taking answers
  quiz list [--area CODE]        the workshops: codes, state, finished, the pre→post change
  quiz report CODE|ID|NAME       the organiser's report: scores per cadre, per desa and per question, pre→post
  quiz export CODE|ID|NAME --format csv|xlsx [--table peserta|desa|soal] [--out FILE]
                                 one workshop's results; csv one table (default peserta) to stdout without --out,
                                 xlsx all three sheets to kuis-<code>.xlsx
  whatsapp status                the WhatsApp link state, open alerts and the outbox
  whatsapp logout                forget the WhatsApp session (to re-pair); report data is not touched
  kartu lapor [--out FILE.pdf]   the one-page LAPOR card for cadres (keys in paper-form order, example, deadline)
  audit export [--from YYYY-MM-DD] [--to YYYY-MM-DD] --format csv|xlsx [--out FILE]
                                 who exported data, opened a case or changed people, and when
  migrate                        create or update the database schema and load the built-in areas
  help                           this text

Every command accepts --db PATH to use another database than IMP_DB_PATH (default ./data/imp-smart.db).
Only serve, migrate and simulate create a missing database; simulate without --db uses a fresh temporary one.
One bot process per database: serve, chat and simulate --db refuse a database another of them is running on
(they hold the lock file <db>.lock); the other commands work beside a running bot.
Configuration is read from the environment (and ./.env when present); see .env.example.`;

/**
 * Runs one command and returns its exit code (-1: serve, which keeps running). Never throws: a failure is reported
 * on stderr by reportFailure. `help` is answered from this file alone; every other command loads what it uses
 * (cli-commands.ts and, from there, main.ts or the admin commands), so asking for help is instant.
 */
export async function runCli(argv: string[]): Promise<number> {
  const [command = 'help'] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  let logLevel = 'info';
  let commands: typeof import('./cli-commands.js');
  try {
    commands = await import('./cli-commands.js');
  } catch (error) {
    process.stderr.write(`imp-smart: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const { runCommand, reportFailure } = commands;
  try {
    return await runCommand(argv, (level) => (logLevel = level));
  } catch (error) {
    return reportFailure(error, logLevel, (text) => process.stderr.write(text));
  }
}
