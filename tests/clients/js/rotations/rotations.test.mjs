// AWS SDK for JavaScript v3 drives rotations, overrides and shift listings against a Callout server.
//   CALLOUT_ENDPOINT=http://127.0.0.1:5000 node --test rotations/
// The expected shifts are the test vectors of docs/spec/rotations.md §4, read from the table every test
// layer shares, tests/vectors/rotation-shifts.json: each vector through ListRotationShifts and through
// ListPreviewRotationShifts. Overrides must end in the future and at most six months ahead, so vectors
// with overrides are moved forward by whole weeks (their times are UTC, so weekdays stay). Every test
// works in an account of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
    ConflictException,
    CreateContactCommand,
    CreateRotationCommand,
    CreateRotationOverrideCommand,
    DeleteContactCommand,
    DeleteRotationCommand,
    DeleteRotationOverrideCommand,
    GetContactCommand,
    GetRotationCommand,
    GetRotationOverrideCommand,
    ListRotationOverridesCommand,
    ResourceNotFoundException,
    SSMContactsClient,
    UpdateRotationCommand,
    ValidationException,
    paginateListPreviewRotationShifts,
    paginateListRotationShifts,
    paginateListRotations,
} from '@aws-sdk/client-ssm-contacts';

const endpoint = process.env.CALLOUT_ENDPOINT?.replace(/\/+$/, '');
if (!endpoint) {
    throw new Error('set CALLOUT_ENDPOINT to the server URL');
}
const region = 'us-east-1';
const DAY = 86_400_000;
const FIRST_MONDAY = Date.UTC(2024, 0, 1);
// tests/vectors/rotation-shifts.json, by path from this file: tests/clients/js/rotations -> tests/vectors.
const VECTORS = JSON.parse(readFileSync(new URL('../../../vectors/rotation-shifts.json', import.meta.url), 'utf8')).Vectors;
const DAILY_0900 = { NumberOfOnCalls: 1, RecurrenceMultiplier: 1, DailySettings: [{ HourOfDay: 9, MinuteOfHour: 0 }] };

// docs/spec/protocol.md §8 (JS v3); a 12-digit access key is the account (§5). maxAttempts 1: no retries.
async function account() {
    const id = String(randomInt(200_000_000_000, 999_999_999_999));
    const client = new SSMContactsClient({
        region,
        endpoint,
        credentials: { accessKeyId: id, secretAccessKey: 'x' },
        maxAttempts: 1,
    });
    const prefix = `arn:aws:ssm-contacts:${region}:${id}:contact/`;
    const arns = (letters) => letters.split(',').filter((x) => x).map((x) => prefix + x.toLowerCase());
    const letters = (ids) => (ids.length === 0 ? '[]' : ids.map((x) => (x.startsWith(prefix) ? x.slice(prefix.length).toUpperCase() : x)).join(','));
    const describe = (shift) => {
        const details = shift.ShiftDetails;
        let kind;
        if (shift.Type === 'REGULAR' && details === undefined) {
            kind = 'R';
        } else if (shift.Type === 'OVERRIDDEN' && details !== undefined) {
            kind = `O(${letters(details.OverriddenContactIds)})`;
        } else {
            kind = `${shift.Type} with ShiftDetails ${JSON.stringify(details)}`;
        }
        return `${letters(shift.ContactIds)} ${text(shift.StartTime)}→${text(shift.EndTime)} ${kind}`;
    };
    const send = (command) => client.send(command);
    for (const alias of ['a', 'b', 'c', 'd']) {
        await send(new CreateContactCommand({ Alias: alias, Type: 'PERSONAL', Plan: { Stages: [] } }));
    }
    return { id, client, send, arns, describe };
}

// Times written MM-DDTHH:MM in 2024 UTC.
const jan = (s) => new Date(Date.parse(`2024-${s}:00Z`));

// One vector of the table, its times moved forward by whole weeks.
function tableVector(vector, weeks = 0) {
    if (weeks && vector.Rotations.some((r) => r.TimeZoneId !== 'UTC')) {
        throw new Error(`vector ${vector.Number} is not in UTC and cannot be moved by weeks`);
    }
    const at = (iso) => new Date(Date.parse(iso) + weeks * 7 * DAY);
    const joined = (letters) => (letters.length === 0 ? '[]' : letters.join(','));
    return {
        ...vector,
        at,
        expected: (rotation) => rotation.Shifts.map((s) =>
            `${joined(s.ContactIds)} ${text(at(s.StartTime))}→${text(at(s.EndTime))} ${s.Type === 'OVERRIDDEN' ? `O(${joined(s.ShiftDetails.OverriddenContactIds)})` : 'R'}`),
    };
}

// Vectors with overrides move so that 2024-01-01 (a Monday) becomes a Monday 8 to 14 days from now.
const forApi = (vector) =>
    tableVector(vector, vector.Rotations.some((r) => r.Overrides.length > 0) ? Math.floor((Date.now() - FIRST_MONDAY) / DAY / 7) + 2 : 0);

function text(date) {
    const iso = new Date(date).toISOString();
    return iso.endsWith(':00.000Z') ? iso.slice(0, 16) : iso;
}

async function rotation(a, letters, start, zone, recurrence, name = 'rotation') {
    const created = await a.send(new CreateRotationCommand({
        Name: name, ContactIds: a.arns(letters), StartTime: start, TimeZoneId: zone, Recurrence: recurrence,
    }));
    return created.RotationArn;
}

async function shifts(a, rotationArn, start, end, pageSize) {
    const result = [];
    const config = { client: a.client, ...(pageSize ? { pageSize } : {}) };
    for await (const page of paginateListRotationShifts(config, { RotationId: rotationArn, StartTime: start, EndTime: end })) {
        result.push(...page.RotationShifts.map(a.describe));
    }
    return result;
}

async function preview(a, input, pageSize) {
    const result = [];
    const config = { client: a.client, ...(pageSize ? { pageSize } : {}) };
    for await (const page of paginateListPreviewRotationShifts(config, input)) {
        result.push(...page.RotationShifts.map(a.describe));
    }
    return result;
}

// Creates the vector's rotations, then their overrides in the table's order; returns the ARNs.
async function createVector(a, t) {
    const arns = [];
    for (const [i, r] of t.Rotations.entries()) {
        const arn = await rotation(a, r.ContactIds.join(','), t.at(r.StartTime), r.TimeZoneId, r.Recurrence, `r${i + 1}`);
        for (const o of r.Overrides) {
            await a.send(new CreateRotationOverrideCommand({
                RotationId: arn, NewContactIds: a.arns(o.NewContactIds.join(',')), StartTime: t.at(o.StartTime), EndTime: t.at(o.EndTime),
            }));
        }
        arns.push(arn);
    }
    return arns;
}

// ListPreviewRotationShifts over the rotation's query: plain member strings, overrides in order.
const previewInput = (t, r) => ({
    Members: r.ContactIds,
    RotationStartTime: t.at(r.StartTime),
    StartTime: t.at(r.Query.StartTime),
    EndTime: t.at(r.Query.EndTime),
    TimeZoneId: r.TimeZoneId,
    Recurrence: r.Recurrence,
    Overrides: r.Overrides.map((o) => ({ NewMembers: o.NewContactIds, StartTime: t.at(o.StartTime), EndTime: t.at(o.EndTime) })),
});

for (const vector of VECTORS) {
    test(`vector ${vector.Number}: ${vector.Description}`, async () => {
        const a = await account();
        const t = forApi(vector);
        const arns = await createVector(a, t);
        for (const [i, r] of t.Rotations.entries()) {
            if (r.Query) {
                assert.deepEqual(await shifts(a, arns[i], t.at(r.Query.StartTime), t.at(r.Query.EndTime)), t.expected(r));
            }
        }
        for (const check of t.OnCallAt ?? []) {
            // Who an on-call schedule of these rotations has on call: the union of their shifts over [at, at + 1 min).
            const at = t.at(check.At);
            const onCall = [];
            for (const arn of arns) {
                for (const s of await shifts(a, arn, at, new Date(at.getTime() + 60_000))) {
                    onCall.push(...s.split(' ')[0].split(',').filter((x) => x !== '[]' && !onCall.includes(x)));
                }
            }
            assert.deepEqual(onCall, check.ContactIds, check.At);
        }
    });
    if (vector.Rotations.some((r) => r.Query)) {
        // Previews skip the now-relative override rules, so every vector keeps its 2024 dates.
        test(`preview of vector ${vector.Number}: ${vector.Description}`, async () => {
            const a = await account();
            const t = tableVector(vector);
            for (const r of t.Rotations.filter((x) => x.Query)) {
                assert.deepEqual(await preview(a, previewInput(t, r)), t.expected(r));
            }
        });
    }
}

const vectorNumber = (n) => VECTORS.find((v) => v.Number === n);

test('vector 1 one shift a page gives the same shifts', async () => {
    const a = await account();
    const t = forApi(vectorNumber(1));
    const [r] = t.Rotations;
    const [arn] = await createVector(a, t);
    assert.deepEqual(await shifts(a, arn, t.at(r.Query.StartTime), t.at(r.Query.EndTime), 1), t.expected(r));
});

test('vector 7: the override is read back, listed and deleted', async () => {
    const a = await account();
    const t = forApi(vectorNumber(7));
    const [r] = t.Rotations;
    const [o] = r.Overrides;
    const arn = await rotation(a, r.ContactIds.join(','), t.at(r.StartTime), r.TimeZoneId, r.Recurrence);
    const { RotationOverrideId: id } = await a.send(new CreateRotationOverrideCommand({
        RotationId: arn, NewContactIds: a.arns(o.NewContactIds.join(',')), StartTime: t.at(o.StartTime), EndTime: t.at(o.EndTime),
    }));
    assert.deepEqual(await shifts(a, arn, t.at(r.Query.StartTime), t.at(r.Query.EndTime)), t.expected(r));

    const got = await a.send(new GetRotationOverrideCommand({ RotationId: arn, RotationOverrideId: id }));
    assert.equal(got.RotationArn, arn);
    assert.deepEqual(got.NewContactIds, a.arns(o.NewContactIds.join(',')));
    assert.equal(got.StartTime.getTime(), t.at(o.StartTime).getTime());
    assert.equal(got.EndTime.getTime(), t.at(o.EndTime).getTime());
    assert.ok(got.CreateTime instanceof Date);
    const listed = await a.send(new ListRotationOverridesCommand({ RotationId: arn, StartTime: t.at(r.Query.StartTime), EndTime: t.at(r.Query.EndTime) }));
    assert.deepEqual(listed.RotationOverrides.map((x) => x.RotationOverrideId), [id]);

    // Deleted, the regular team is back: A from the rotation's start to the next hand-off.
    await a.send(new DeleteRotationOverrideCommand({ RotationId: arn, RotationOverrideId: id }));
    const start = t.at(r.StartTime);
    const end = new Date(start.getTime() + DAY);
    assert.deepEqual(await shifts(a, arn, start, end), [`A ${text(start)}→${text(end)} R`]);
});

test('vector 18 two shifts a page gives the same shifts', async () => {
    const a = await account();
    const t = forApi(vectorNumber(18));
    const [r] = t.Rotations;
    const [arn] = await createVector(a, t);
    assert.deepEqual(await shifts(a, arn, t.at(r.Query.StartTime), t.at(r.Query.EndTime), 2), t.expected(r));
});

test('preview of vector 9 one shift a page gives the same shifts', async () => {
    const a = await account();
    const t = tableVector(vectorNumber(9));
    const [r] = t.Rotations;
    assert.deepEqual(await preview(a, previewInput(t, r), 1), t.expected(r));
});

test('a rotation is created, read back, updated, listed, guarded and deleted', async () => {
    const a = await account();
    const recurrence = {
        NumberOfOnCalls: 1,
        RecurrenceMultiplier: 1,
        MonthlySettings: [{ DayOfMonth: 31, HandOffTime: { HourOfDay: 10, MinuteOfHour: 0 } }],
        ShiftCoverages: { SAT: [{ Start: { HourOfDay: 22, MinuteOfHour: 0 }, End: { HourOfDay: 6, MinuteOfHour: 0 } }] },
    };
    const r = await rotation(a, 'B,A', jan('01-31T10:00'), 'Europe/London', recurrence, 'js rotation');
    assert.match(r, new RegExp(`^arn:aws:ssm-contacts:${region}:${a.id}:rotation/[0-9a-f-]{36}$`));
    const got = await a.send(new GetRotationCommand({ RotationId: r }));
    assert.equal(got.Name, 'js rotation');
    assert.deepEqual(got.ContactIds, a.arns('B,A'));
    assert.equal(got.StartTime.getTime(), jan('01-31T10:00').getTime());
    assert.equal(got.TimeZoneId, 'Europe/London');
    assert.deepEqual(got.Recurrence, recurrence);

    await a.send(new UpdateRotationCommand({ RotationId: r, ContactIds: a.arns('C'), Recurrence: DAILY_0900 }));
    const updated = await a.send(new GetRotationCommand({ RotationId: r }));
    assert.deepEqual(updated.ContactIds, a.arns('C'));
    assert.deepEqual(updated.Recurrence, DAILY_0900);
    assert.equal(updated.TimeZoneId, 'Europe/London');

    const names = [];
    for await (const page of paginateListRotations({ client: a.client, pageSize: 1 }, { RotationNamePrefix: 'js ' })) {
        names.push(...page.Rotations.map((x) => x.Name));
    }
    assert.deepEqual(names, ['js rotation']);

    await assert.rejects(
        a.send(new CreateRotationCommand({ Name: 'bad', ContactIds: a.arns('A'), TimeZoneId: 'PST', Recurrence: DAILY_0900 })),
        (e) => e instanceof ValidationException,
    );
    await assert.rejects(a.send(new DeleteContactCommand({ ContactId: a.arns('C')[0] })), (e) => {
        assert.ok(e instanceof ConflictException);
        assert.deepEqual(e.DependentEntities, [{ RelationType: 'RotationMembership', DependentResourceIds: [r] }]);
        return true;
    });

    await a.send(new CreateContactCommand({ Alias: 'oncall', Type: 'ONCALL_SCHEDULE', Plan: { Stages: [], RotationIds: [r] } }));
    const schedule = await a.send(new GetContactCommand({ ContactId: `arn:aws:ssm-contacts:${region}:${a.id}:contact/oncall` }));
    assert.deepEqual(schedule.Plan.RotationIds, [r]);

    await a.send(new DeleteRotationCommand({ RotationId: r }));
    await assert.rejects(a.send(new GetRotationCommand({ RotationId: r })), (e) => e instanceof ResourceNotFoundException);
    await a.send(new DeleteContactCommand({ ContactId: a.arns('C')[0] }));
});
