/** Command-line options of the browser host (`npm run web -- --port 8080 --no-open`). */
export interface WebHostArgs {
  readonly port: number;
  readonly open: boolean;
}

export function parseWebHostArgs(argv: readonly string[]): WebHostArgs {
  let port = 0;
  let open = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--no-open') open = false;
    else if (arg === '--port' || arg?.startsWith('--port=')) {
      const value = arg === '--port' ? argv[++i] : arg.slice('--port='.length);
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new Error(`--port needs a number from 0 to 65535, got ${String(value)}`);
      port = parsed;
    } else if (arg !== '--web') throw new Error(`Unknown option ${String(arg)} (known: --port N, --no-open)`);
  }
  return { port, open };
}
