import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

// A foreign key whose referencing column has no index makes every delete of a referenced row scan
// the whole referencing table (ON DELETE CASCADE / NO ACTION checks run per deleted row): saving a
// 10,000-row draft again deleted its rows, each one scanning every risk flag ever recorded.

// Rows the app never deletes (people are deactivated, methods disabled): nothing scans for them.
const NEVER_DELETED = ["users", "payout_methods"];

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

describe("the migrated schema", () => {
  it("indexes the referencing columns of every foreign key into a table whose rows are deleted", async () => {
    const unindexed = await t.sql<{ constraint: string }[]>`
      select c.conrelid::regclass::text || '(' || string_agg(a.attname, ', ' order by k.ord) || ') -> ' || c.confrelid::regclass::text as constraint
      from pg_constraint c
      cross join lateral unnest(c.conkey) with ordinality as k(attnum, ord)
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
      where c.contype = 'f' and c.connamespace = 'public'::regnamespace
        and c.confrelid::regclass::text <> all(${NEVER_DELETED})
        and not exists (
          select 1 from pg_index i
          where i.indrelid = c.conrelid
            and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] operator(pg_catalog.@>) c.conkey
            and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] operator(pg_catalog.<@) c.conkey
        )
      group by c.oid, c.conrelid, c.confrelid
      order by 1`;
    expect(unindexed.map((row) => row.constraint)).toEqual([]);
  });
});
