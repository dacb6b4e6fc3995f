/**
 * Programs a reader would type at a shell prompt while following this guide. A code
 * block whose line starts with one of them is a command written by hand, which nothing
 * verifies; commands come from the registry instead.
 */
const SHELL_COMMANDS = new Set([
  // containers
  'docker', 'docker-compose', 'podman', 'nerdctl', 'kubectl',
  // shell built-ins and environment
  'export', 'unset', 'set', 'source', 'env', 'cd', 'echo', 'printf', 'alias',
  // privileges and users
  'sudo', 'su', 'doas', 'id', 'whoami', 'usermod', 'useradd', 'groupadd', 'newgrp',
  // firewall and network
  'iptables', 'ip6tables', 'iptables-save', 'nft', 'ufw', 'firewall-cmd', 'ip', 'ifconfig', 'ss', 'netstat',
  'curl', 'wget', 'nc', 'ncat', 'socat', 'ping', 'ssh', 'scp',
  // package managers and runtimes
  'npm', 'npx', 'yarn', 'pnpm', 'node', 'bun', 'deno', 'pip', 'pip3', 'pipx', 'python', 'python3', 'poetry',
  'uv', 'uvx', 'apt', 'apt-get', 'dpkg', 'yum', 'dnf', 'apk', 'brew', 'snap', 'git', 'make',
  // services and processes
  'systemctl', 'service', 'journalctl', 'kill', 'killall', 'ps',
  // files
  'mkdir', 'rm', 'rmdir', 'cp', 'mv', 'ln', 'ls', 'cat', 'touch', 'tee', 'chmod', 'chown', 'chgrp', 'stat',
  'grep', 'sed', 'awk', 'find', 'xargs', 'tar', 'unzip', 'openssl',
  // shells
  'sh', 'bash', 'zsh', 'fish', 'wsl', 'powershell', 'pwsh',
]);

export interface CommandLine {
  /** 0-based index of the line within the text. */
  readonly index: number;
  readonly text: string;
}

const PROMPT = /^\$\s/;
const ASSIGNMENTS = /^(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)+/;
const FIRST_WORD = /^(\S+)(?:\s|$)/;

/** Whether one line reads as a command a reader would run. */
export function isCommandLine(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return false;
  if (PROMPT.test(trimmed)) return true;
  const word = FIRST_WORD.exec(trimmed.replace(ASSIGNMENTS, ''))?.[1];
  if (!word) return false;
  // `/usr/bin/docker` is `docker`; `docker:` (an error message) is not a command.
  const program = word.slice(word.lastIndexOf('/') + 1);
  return SHELL_COMMANDS.has(program);
}

/** The first line of `text` that reads as a shell command, if any. */
export function firstCommandLine(text: string): CommandLine | undefined {
  const lines = text.split('\n');
  const index = lines.findIndex(isCommandLine);
  const line = lines[index];
  return line === undefined ? undefined : { index, text: line.trim() };
}
