import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LogPrinter } from '../../src/cli/log-printer.ts';
import type { LogEventNotice } from '../../src/services/logs/core.ts';

const event = (logGroupName: string, message: string): LogEventNotice => ({
  accountId: '000000000000',
  region: 'us-east-1',
  logGroupName,
  logStreamName: 'stream',
  timestamp: 0,
  ingestionTime: 0,
  message,
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
