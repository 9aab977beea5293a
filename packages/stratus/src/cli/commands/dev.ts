import { watch } from 'node:fs';
import { relative, resolve } from 'node:path';
import { type DeployEvent, deployPath } from '../../deploy.ts';
import type { IamEnforcement, RootCredentials } from '../../iam/security.ts';
import { Stratus } from '../../stratus.ts';
import { CliError, formatError } from '../errors.ts';
import { LogPrinter } from '../log-printer.ts';
import { consoleLogger, printDeployEvent, printSummary, style } from '../output.ts';
import { requireCdkApp, synthesize } from '../synth.ts';

export interface DevOptions {
  /** One or more CDK app folders, deployed in order into the one instance. */
  readonly appDirs: readonly string[];
  readonly port: number;
  readonly httpsPort: number;
  readonly ephemeral: boolean;
  readonly dataDir: string;
  readonly region: string;
  readonly watch: boolean;
  readonly accountConcurrency: number;
  readonly iamEnforce: IamEnforcement;
  readonly rootCredentials: RootCredentials;
}

const IGNORED = /(^|\/)(node_modules|cdk\.out|\.stratus|\.git)(\/|$)/;

/** `stratus dev`: serve CDK apps locally, stream their logs and redeploy each when its sources change. */
export async function devCommand(options: DevOptions): Promise<void> {
  const appDirs = options.appDirs.map((dir) => resolve(dir));
  // Fail before opening ports: a wrong folder should not start a cloud.
  for (const appDir of appDirs) requireCdkApp(appDir);
  // Ctrl-C or a TERM at any moment (even mid-start or mid-deploy) stops cleanly: ports closed, workers ended.
  const stopRequested = new Promise<void>((resolveStop) => {
    process.once('SIGINT', () => resolveStop());
    process.once('SIGTERM', () => resolveStop());
  });
  const stratus = await Stratus.start({
    port: options.port,
    httpsPort: options.httpsPort,
    ephemeral: options.ephemeral,
    dataDir: options.dataDir,
    defaultRegion: options.region,
    accountConcurrency: options.accountConcurrency,
    iamEnforce: options.iamEnforce,
    rootCredentials: options.rootCredentials,
    logger: consoleLogger,
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') {
      throw new CliError(
        `Port ${options.port} or ${options.httpsPort} is already in use`,
        'Another Stratus may be running; stop it or pass --port/--https-port.',
      );
    }
    throw error;
  });
  console.log(
    `${style.bold('Stratus')} is serving at ${style.cyan(stratus.endpoint)} and ${style.cyan(stratus.httpsEndpoint ?? '')}`,
  );
  if (stratus.tls)
    console.log(
      `  HTTPS certificate authority: ${stratus.tls.caFile} (trust it with AWS_CA_BUNDLE or NODE_EXTRA_CA_CERTS)`,
    );
  console.log(`  State: ${options.ephemeral ? 'in memory (--ephemeral)' : stratus.storage.root}`);
  console.log(`  Point the AWS SDK and CLI at it: export AWS_ENDPOINT_URL=${stratus.endpoint}`);

  // Function logs are printed in batches; anything else written to the console (Stratus's notices,
  // deploy events) first prints the lines still waiting, so the console keeps the order of events.
  const logs = new LogPrinter(process.stdout.write.bind(process.stdout));
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = ((...args: unknown[]) => {
      logs.flush();
      return write(...args);
    }) as typeof stream.write;
  }
  process.once('exit', () => logs.flush());
  stratus.logs.subscribeBatches((runs) => logs.print(runs));

  // Codes and invitations AWS would have emailed or texted: printed as they are "sent".
  stratus.outbox.subscribe((m) =>
    console.log(
      style.yellow(`[outbox] ${m.channel} to ${m.to}: ${m.subject ? `${m.subject}: ` : ''}${m.body}`),
    ),
  );

  // Deploys run one at a time, in order; a change queues its app once until its deploy starts.
  let deploying: Promise<void> = Promise.resolve();
  const queued = new Set<string>();
  const deploy = async (appDir: string) => {
    try {
      const synth = await synthesize({
        appDir,
        accountId: stratus.accountId,
        region: options.region,
        onOutput: (line) => console.log(style.dim(`  synth: ${line}`)),
      });
      console.log(
        synth.synthesized
          ? `Synthesized ${relative(process.cwd(), appDir) || '.'} in ${Math.round(synth.durationMs)} ms`
          : 'Sources unchanged: reusing the last synth',
      );
      const stacks = await deployPath(stratus, {
        path: synth.outDir,
        region: options.region,
        onEvent: (e: DeployEvent) => printDeployEvent(e),
      });
      await printSummary(stratus, stacks, options.region);
    } catch (error) {
      console.error(formatError(error));
    }
  };
  const redeploy = (appDir: string) => {
    if (queued.has(appDir)) return;
    queued.add(appDir);
    deploying = deploying.then(async () => {
      queued.delete(appDir);
      console.log(style.bold(`\nSources changed: redeploying ${relative(process.cwd(), appDir) || '.'}`));
      await deploy(appDir);
    });
  };

  for (const appDir of appDirs) {
    deploying = deploying.then(() => {
      console.log(`Synthesizing ${appDir} …`);
      return deploy(appDir);
    });
  }
  await Promise.race([deploying, stopRequested]);

  const timers = new Map<string, NodeJS.Timeout>();
  const watchers = options.watch
    ? appDirs.map((appDir) =>
        watch(appDir, { recursive: true }, (_event, file) => {
          if (!file || IGNORED.test(String(file))) return;
          clearTimeout(timers.get(appDir));
          timers.set(
            appDir,
            setTimeout(() => redeploy(appDir), 300),
          );
        }),
      )
    : [];
  for (const appDir of options.watch ? appDirs : []) {
    console.log(style.dim(`Watching ${appDir} for changes. Ctrl-C stops.`));
  }

  await stopRequested;
  for (const watcher of watchers) watcher.close();
  for (const timer of timers.values()) clearTimeout(timer);
  await deploying;
  await stratus.stop();
  logs.flush();
}
