// Draws the charts asked for with GRAFIK. The command's transaction only records a request (chart_requests); drawing
// takes ECharts, resvg and a file write, which cannot run inside a synchronous transaction and must never slow the
// inbound path. So after each commit the bot kicks this worker: it draws the oldest request, saves the PNG in the
// media store, and in its own transaction queues the image and deletes the request. A restart finds what was left
// and finishes it; a request older than an hour (the bot was down) is dropped with a short apology, since the asker
// has moved on; one that keeps failing is dropped with the same apology.
import type { AreaDirectory } from '../areas/directory.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import { finishChartRequest, nextChartRequest, noteChartAttempt, onlyDesaOf, type ChartRequestRow } from '../db/repos/chart-requests.repo.js';
import { enqueueMedia, enqueueOutbound } from '../db/repos/outbox.repo.js';
import { ON_DEMAND_COPY } from '../flows/on-demand/on-demand.js';
import type { Logger } from '../logger.js';
import type { MediaStore } from '../media/media-store.js';
import type { AggregateSettings } from '../reports/aggregate.js';
import { aggregateArea } from '../reports/aggregate-data.js';
import { chartInputOf } from '../reports/chart-bars.js';
import { saveRecapChart } from '../reports/recap-media.js';

/** A request older than this when its turn comes is dropped with an apology. */
export const CHART_REQUEST_MAX_AGE_MS = 3600_000;
/** Drawing attempts before a request is given up. */
const MAX_ATTEMPTS = 3;

export interface ChartWorkerDeps {
  db: Db;
  clock: Clock;
  areas: () => AreaDirectory;
  /** Null: no charts can be made; waiting requests are answered with the apology. */
  media: MediaStore | null;
  settings: AggregateSettings;
  logger: Logger;
  /** After an image or an apology was queued (the dispatcher's kick). */
  onQueued?: () => void;
}

export class ChartWorker {
  #running: Promise<void> | null = null;
  #again = false;

  constructor(private readonly deps: ChartWorkerDeps) {}

  /** Works through the waiting requests; resolves when none is left (a kick during a run makes it look again). */
  kick(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#drain().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  /** Resolves when the current run (if any) is over. */
  idle(): Promise<void> {
    return this.#running ?? Promise.resolve();
  }

  async #drain(): Promise<void> {
    do {
      this.#again = false;
      // A request that failed in this run waits for the next kick instead of being retried in a loop.
      const failed = new Set<number>();
      for (let next = nextChartRequest(this.deps.db, failed); next; next = nextChartRequest(this.deps.db, failed)) {
        if (!(await this.#answer(next))) failed.add(next.id);
      }
    } while (this.#again);
  }

  /** Drops a request with the apology, in one transaction. */
  #drop(row: ChartRequestRow): void {
    const now = this.deps.clock.now();
    const dropped = this.deps.db.transaction((tx) => {
      if (!finishChartRequest(tx, row.id)) return false;
      enqueueOutbound(tx, { toAddress: row.toAddress, priority: 'reply', kind: 'text', text: ON_DEMAND_COPY.chartExpired }, now);
      return true;
    });
    if (dropped) this.deps.onQueued?.();
  }

  async #answer(row: ChartRequestRow): Promise<boolean> {
    const { db, clock, logger, media } = this.deps;
    if (!media || clock.now().getTime() - Date.parse(row.requestedAt) > CHART_REQUEST_MAX_AGE_MS) {
      try {
        this.#drop(row);
        logger.info({ request: row.id }, 'chart request dropped (too old or no media store)');
        return true;
      } catch (err) {
        logger.error({ err, request: row.id }, 'chart request could not be dropped');
        return false;
      }
    }
    try {
      const areas = this.deps.areas();
      const onlyDesa = onlyDesaOf(row);
      const area = areas.get(row.areaCode);
      const level = area?.level === 'kabupaten' && onlyDesa === null ? 'kabupaten' : 'kecamatan';
      const agg = aggregateArea(db, areas, { period: row.period, areaCode: row.areaCode, onlyDesa: onlyDesa ?? undefined, now: clock.now(), settings: this.deps.settings });
      const image = await saveRecapChart(media, chartInputOf(agg, row.label, level), clock.now(), {
        ...(area?.level === 'kecamatan' ? { scopeName: area.name } : {}),
        barsAre: level === 'kabupaten' ? 'kecamatan' : 'desa/kelurahan',
      });
      const queued = db.transaction((tx) => {
        // Gone meanwhile (answered by another run): the file is an orphan, pruned later.
        if (!finishChartRequest(tx, row.id)) return false;
        enqueueMedia(tx, row.toAddress, 'reply', image, clock.now());
        return true;
      });
      if (queued) {
        logger.info({ request: row.id, period: row.period, area: row.areaCode }, 'chart sent');
        this.deps.onQueued?.();
      }
      return true;
    } catch (err) {
      logger.error({ err, request: row.id }, 'chart could not be drawn');
      try {
        if (noteChartAttempt(db, row.id) >= MAX_ATTEMPTS) this.#drop(row);
      } catch (noted) {
        logger.error({ err: noted, request: row.id }, 'chart failure could not be recorded');
      }
      return false;
    }
  }
}
