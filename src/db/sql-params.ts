// Placeholders drizzle does not offer directly, for statements prepared once (prepared.ts).
import { getTableColumns, getTableName, is, SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';

/**
 * `column IN (the JSON array bound to placeholder name)`; bind it with listParam(values). `inArray` writes one `?`
 * per value, so its SQL changes with the list's length and cannot be prepared once; `json_each` takes the whole list
 * as one text and SQLite still searches the column's index once per value.
 */
export function inListParam(column: SQLiteColumn, name: string): SQL {
  return sql`${column} in (select value from json_each(${sql.placeholder(name)}))`;
}

/** The value bound to an inListParam placeholder. */
export function listParam(values: readonly (string | number)[]): string {
  return JSON.stringify(values);
}

/**
 * A placeholder as a value of `update().set()`, whose types take no placeholder. Bound as given, without the
 * column's mapping: pass a boolean column 1 or 0.
 */
export function setParam(name: string): SQL {
  return sql`${sql.placeholder(name)}`;
}

/**
 * An insert that binds every column but the id by name, for a table written from inputs that name only some
 * columns: `values` goes into `.values()`, `bind(input)` gives the parameters. A column the input leaves out gets
 * its plain default, else null, which is what leaving it out of an unprepared insert gave. Values are bound as given
 * (setParam), so booleans become 1/0 here, and a null stays null (drizzle's boolean mapping would make it 0). A
 * default SQLite or a function computes cannot be copied, so such a table is refused when the statement is declared.
 */
export function everyColumnInsert(table: SQLiteTable): { values: Record<string, SQL>; bind(input: Record<string, unknown>): Record<string, unknown> } {
  const columns = Object.entries(getTableColumns(table)).filter(([name]) => name !== 'id');
  for (const [name, column] of columns) {
    if (column.defaultFn !== undefined || column.onUpdateFn !== undefined || is(column.default, SQL)) {
      throw new Error(`everyColumnInsert: ${getTableName(table)}.${name} has a computed default`);
    }
  }
  return {
    values: Object.fromEntries(columns.map(([name]) => [name, setParam(name)])),
    bind: (input) =>
      Object.fromEntries(
        columns.map(([name, column]) => {
          const value = input[name] === undefined ? (column.default ?? null) : input[name];
          return [name, typeof value === 'boolean' ? (value ? 1 : 0) : value];
        }),
      ),
  };
}
