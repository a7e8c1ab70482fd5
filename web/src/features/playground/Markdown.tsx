import { memo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import ReactMarkdown, { type Components } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import remarkGfm from 'remark-gfm';
import { CopyButton } from '../../components/ui';
import { cn } from '../../lib/cn';

interface HastNode {
  type: string;
  value?: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

/** The text of a hast subtree (a highlighted code block's source, for the copy button). */
function textOf(node: HastNode | undefined): string {
  if (!node) return '';
  if (node.type === 'text') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}

function languageOf(node: HastNode | undefined): string | null {
  const code = node?.children?.find((child) => child.tagName === 'code');
  const classes = code?.properties?.className;
  const list = Array.isArray(classes) ? classes : typeof classes === 'string' ? classes.split(' ') : [];
  const match = list.map(String).find((name) => name.startsWith('language-'));
  return match ? match.slice('language-'.length) : null;
}

function CodeBlock({ node, children }: { node?: HastNode; children?: ReactNode }) {
  const { t } = useTranslation('playground');
  const language = languageOf(node);
  const source = textOf(node).replace(/\n$/, '');
  return (
    <div className="group/code my-3 overflow-hidden rounded-lg border border-border bg-muted/50">
      <div className="flex h-8 items-center justify-between border-b border-border bg-muted/60 pr-1 pl-3">
        <span className="font-mono text-[11px] text-muted-foreground">{language ?? t('markdown.code')}</span>
        <CopyButton value={source} label={t('markdown.copyCode')} size="sm" className="h-6 px-2 text-[11px]" />
      </div>
      <pre className="overflow-x-auto p-3 font-mono text-[13px] leading-relaxed">{children}</pre>
    </div>
  );
}

const COMPONENTS: Components = {
  pre: ({ node, children }) => <CodeBlock node={node as HastNode | undefined}>{children}</CodeBlock>,
  code: ({ className, children, node: _node, ...props }) => {
    const block = /\blanguage-|\bhljs\b/.test(className ?? '');
    return (
      <code
        className={cn(
          block
            ? className
            : 'rounded bg-muted px-1.5 py-0.5 font-mono text-[0.85em] before:content-none after:content-none',
        )}
        {...props}
      >
        {children}
      </code>
    );
  },
  a: ({ node: _node, ...props }) => (
    <a {...props} target="_blank" rel="noopener noreferrer" className="text-primary underline underline-offset-2" />
  ),
  table: ({ node: _node, ...props }) => (
    <div className="my-3 overflow-x-auto rounded-lg border border-border">
      <table {...props} className="w-full border-collapse text-sm" />
    </div>
  ),
  th: ({ node: _node, ...props }) => (
    <th {...props} className="border-b border-border bg-muted/60 px-3 py-1.5 text-left font-semibold" />
  ),
  td: ({ node: _node, ...props }) => <td {...props} className="border-b border-border px-3 py-1.5 align-top" />,
  img: ({ node: _node, alt, ...props }) => <img {...props} alt={alt ?? ''} className="my-2 max-h-96 rounded-lg" />,
};

const REMARK = [remarkGfm];
const REHYPE = [rehypeHighlight];

/** A reply as Markdown (GFM tables, lists, task lists), code highlighted with a copy button. */
export const Markdown = memo(function Markdown({ text, className }: { text: string; className?: string }) {
  return (
    <div
      className={cn(
        'markdown text-sm leading-relaxed break-words',
        '[&_p]:my-2 [&_p:first-child]:mt-0 [&_p:last-child]:mb-0',
        '[&_ul]:my-2 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:my-2 [&_ol]:list-decimal [&_ol]:pl-6 [&_li]:my-0.5',
        '[&_h1]:mt-4 [&_h1]:mb-2 [&_h1]:text-xl [&_h1]:font-semibold [&_h2]:mt-4 [&_h2]:mb-2 [&_h2]:text-lg [&_h2]:font-semibold',
        '[&_h3]:mt-3 [&_h3]:mb-1.5 [&_h3]:text-base [&_h3]:font-semibold [&_h4]:mt-3 [&_h4]:font-semibold',
        '[&_blockquote]:my-2 [&_blockquote]:border-l-2 [&_blockquote]:border-border [&_blockquote]:pl-3 [&_blockquote]:text-muted-foreground',
        '[&_hr]:my-4 [&_hr]:border-border [&_strong]:font-semibold',
        '[&_input[type=checkbox]]:mr-1.5 [&_input[type=checkbox]]:align-middle',
        className,
      )}
    >
      <ReactMarkdown remarkPlugins={REMARK} rehypePlugins={REHYPE} components={COMPONENTS}>
        {text}
      </ReactMarkdown>
    </div>
  );
});
