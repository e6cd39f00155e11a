// AWS SDK for JavaScript v3 drives Callout's SSM Incidents replication set operations (rest-json).
//   CALLOUT_ENDPOINT=http://127.0.0.1:5000 node --test incidents/
// Under `--auth off` each test works in an account of its own (a random 12-digit access key is the
// account, docs/spec/protocol.md §5). Against a `--auth strict` server, CALLOUT_STRICT_KEY,
// CALLOUT_STRICT_SECRET and CALLOUT_STRICT_ACCOUNT name a configured credential; the tests then share
// that account, so each removes the set it made, and a wrong secret must be refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import {
    ConflictException,
    CreateReplicationSetCommand,
    DeleteReplicationSetCommand,
    GetReplicationSetCommand,
    ResourceNotFoundException,
    SSMIncidentsClient,
    UpdateDeletionProtectionCommand,
    UpdateReplicationSetCommand,
    ValidationException,
    paginateListReplicationSets,
    waitUntilWaitForReplicationSetActive,
    waitUntilWaitForReplicationSetDeleted,
} from '@aws-sdk/client-ssm-incidents';

const endpoint = process.env.CALLOUT_ENDPOINT?.replace(/\/+$/, '');
if (!endpoint) {
    throw new Error('set CALLOUT_ENDPOINT to the server URL');
}
const strict = Boolean(process.env.CALLOUT_STRICT_SECRET);

function credential() {
    if (strict) {
        return { key: process.env.CALLOUT_STRICT_KEY, secret: process.env.CALLOUT_STRICT_SECRET, account: process.env.CALLOUT_STRICT_ACCOUNT };
    }
    const account = String(randomInt(200_000_000_000, 999_999_999_999));
    return { key: account, secret: 'x', account };
}

const incidents = ({ key, secret }, region = 'us-east-1') => new SSMIncidentsClient({
    region,
    endpoint,
    credentials: { accessKeyId: key, secretAccessKey: secret },
    maxAttempts: 1,
});

test('a replication set lives through create, waiter, paginator, update, protection and delete', { concurrency: false }, async () => {
    const c = credential();
    const client = incidents(c);

    const created = await client.send(new CreateReplicationSetCommand({ regions: { 'us-east-1': {} } }));
    assert.equal(created.$metadata.httpStatusCode, 201);
    assert.match(created.arn, new RegExp(`^arn:aws:ssm-incidents::${c.account}:replication-set/[0-9a-f-]{36}$`));
    const arn = created.arn;
    try {
        await waitUntilWaitForReplicationSetActive({ client, maxWaitTime: 10, minDelay: 1, maxDelay: 1 }, { arn });
        const { replicationSet } = await client.send(new GetReplicationSetCommand({ arn }));
        assert.equal(replicationSet.status, 'ACTIVE');
        assert.ok(replicationSet.createdTime instanceof Date);
        assert.equal(replicationSet.regionMap['us-east-1'].status, 'ACTIVE');

        const listed = [];
        for await (const page of paginateListReplicationSets({ client, pageSize: 1 }, {})) {
            listed.push(...page.replicationSetArns);
        }
        assert.deepEqual(listed, [arn]);

        await assert.rejects(
            incidents(c, 'eu-west-1').send(new CreateReplicationSetCommand({ regions: { 'eu-west-1': {} } })),
            (e) => e instanceof ConflictException && e.resourceIdentifier === arn && e.$metadata.httpStatusCode === 409);

        const updated = await client.send(new UpdateReplicationSetCommand({ arn, actions: [{ addRegionAction: { regionName: 'eu-west-1' } }] }));
        assert.equal(updated.$metadata.httpStatusCode, 204);
        const after = await client.send(new GetReplicationSetCommand({ arn }));
        assert.deepEqual(Object.keys(after.replicationSet.regionMap).sort(), ['eu-west-1', 'us-east-1']);

        await client.send(new UpdateDeletionProtectionCommand({ arn, deletionProtected: true }));
        await assert.rejects(client.send(new DeleteReplicationSetCommand({ arn })),
            (e) => e instanceof ValidationException && /protected from deletion/.test(e.message));
        await client.send(new UpdateDeletionProtectionCommand({ arn, deletionProtected: false }));
    } finally {
        await client.send(new UpdateDeletionProtectionCommand({ arn, deletionProtected: false })).catch(() => {});
        await client.send(new DeleteReplicationSetCommand({ arn })).catch(() => {});
    }

    await waitUntilWaitForReplicationSetDeleted({ client, maxWaitTime: 10, minDelay: 1, maxDelay: 1 }, { arn });
    await assert.rejects(client.send(new GetReplicationSetCommand({ arn })),
        (e) => e instanceof ResourceNotFoundException && e.$metadata.httpStatusCode === 404);
});

test('a wrong secret is refused', { skip: !strict }, async () => {
    const c = credential();
    await assert.rejects(incidents({ ...c, secret: 'wrong-secret' }).send(new GetReplicationSetCommand({ arn: `arn:aws:ssm-incidents::${c.account}:replication-set/x` })),
        (e) => e.name === 'InvalidSignatureException' && e.$metadata.httpStatusCode === 403);
});
