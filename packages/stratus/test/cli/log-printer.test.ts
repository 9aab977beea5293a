import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LogPrinter } from '../../src/cli/log-printer.ts';
import type { EventRun } from '../../src/services/logs/store.ts';

/** A run of one event, as the console receives what was written. */
const event = (group: string, message: string): EventRun => ({
  scope: { accountId: '000000000000', region: 'us-east-1' },
  group,
  stream: 'stream',
  ingestionTime: 0,
  events: [{ timestamp: 0, message }],
});

describe("stratus dev's function log console", () => {
  it('prints each line with its function, batches by time, and writes what waits on flush', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const writes: string[] = [];
    const printer = new LogPrinter((text) => writes.push(text));
    printer.print([event('/aws/lambda/hello', 'START RequestId: 1 Version: $LATEST\n')]);
    printer.print([event('/aws/lambda/hello', 'two\nlines\n'), event('/custom/group', 'no newline')]);
    assert.equal(writes.length, 0, 'nothing is written at once');
    t.mock.timers.tick(20);
    assert.equal(writes.length, 1, 'one write for everything that waited');
    assert.equal(
      writes[0]!.replace(/\x1b\[\d+m/g, ''),
      '[hello] START RequestId: 1 Version: $LATEST\n[hello] two\n[hello] lines\n[/custom/group] no newline\n',
    );
    printer.print([event('/aws/lambda/hello', 'END RequestId: 1\n')]);
    printer.flush();
    assert.equal(writes.length, 2);
    assert.match(writes[1]!, /END RequestId: 1\n$/);
    t.mock.timers.tick(100);
    printer.flush();
    assert.equal(writes.length, 2, 'no empty writes');
  });
});

describe("stratus dev's console under load", () => {
  const invocation = (i: number) => [
    event('/aws/lambda/hello', `START RequestId: ${i} Version: $LATEST\n`),
    event('/aws/lambda/hello', `own output of ${i}\n`),
    event('/aws/lambda/hello', `END RequestId: ${i}\n`),
    event('/aws/lambda/hello', `REPORT RequestId: ${i}\tDuration: 1.00 ms\n`),
  ];

  it("prints Lambda's lines of 20 invocations a second and sums up the rest; the function's own lines always", (t) => {
    t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
    const writes: string[] = [];
    const printer = new LogPrinter((text) => writes.push(text));
    for (let i = 0; i < 100; i++) printer.print(invocation(i));
    t.mock.timers.tick(1000);
    const text = writes.join('').replace(/\x1b\[\d+m/g, '');
    assert.equal(text.match(/REPORT RequestId/g)?.length, 20);
    assert.equal(text.match(/START RequestId/g)?.length, 20);
    assert.equal(text.match(/own output of/g)?.length, 100, "the function's own output is never left out");
    assert.match(
      text,
      /\[hello\] … 80 more invocations in that second: their START\/END\/REPORT lines are in CloudWatch Logs \(aws logs tail \/aws\/lambda\/hello\)\n$/,
    );
    // A new second starts afresh, with no summary when nothing was left out.
    writes.length = 0;
    for (let i = 0; i < 3; i++) printer.print(invocation(i));
    printer.flush();
    t.mock.timers.tick(2000);
    const next = writes.join('');
    assert.equal(next.match(/REPORT RequestId/g)?.length, 3);
    assert.doesNotMatch(next, /more invocation/);
  });

  it('prints or leaves out the closing lines of an invocation together, as the runtime writes them', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
    const writes: string[] = [];
    const printer = new LogPrinter((text) => writes.push(text));
    const closing = (i: number, withStart: boolean): EventRun => ({
      ...event('/aws/lambda/hello', ''),
      events: [
        ...(withStart ? [`START RequestId: ${i} Version: $LATEST\n`] : []),
        `END RequestId: ${i}\n`,
        `REPORT RequestId: ${i}\tDuration: 1.00 ms\n`,
      ].map((message) => ({ timestamp: 0, message })),
      closing: true,
    });
    for (let i = 0; i < 100; i++) {
      // A quiet invocation's START goes with its closing lines; one that printed has it before its output.
      if (i % 2 === 0) printer.print([closing(i, true)]);
      else
        printer.print([
          event('/aws/lambda/hello', `START RequestId: ${i} Version: $LATEST\n`),
          event('/aws/lambda/hello', `own output of ${i}\n`),
          closing(i, false),
        ]);
    }
    t.mock.timers.tick(1000);
    const text = writes.join('').replace(/\x1b\[\d+m/g, '');
    for (const line of ['START', 'END', 'REPORT']) {
      assert.equal(text.match(new RegExp(`${line} RequestId: \\d+`, 'g'))?.length, 20, line);
    }
    assert.equal(text.match(/own output of/g)?.length, 50);
    assert.match(text, /\[hello\] … 80 more invocations in that second/);
  });
});
