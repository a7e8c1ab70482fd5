import { ArrowRight, Plus, Trash2 } from 'lucide-react';
import { Button, Input } from '../../../components/ui';
import { newRow, type PairRow } from './form-state';

export interface PairRowsEditorProps {
  rows: PairRow[];
  onChange: (rows: PairRow[]) => void;
  nameLabel: string;
  valueLabel: string;
  namePlaceholder?: string;
  valuePlaceholder?: string;
  addLabel: string;
  removeLabel: (row: PairRow, index: number) => string;
  /** `password` hides the values (header values may be credentials). */
  valueType?: 'text' | 'password';
  /** An arrow between the two boxes (mappings) instead of a plain gap (headers). */
  arrow?: boolean;
  invalid?: boolean;
  mono?: boolean;
}

/** Editable name → value rows (model mapping, extra headers) with add and remove. */
export function PairRowsEditor({
  rows,
  onChange,
  nameLabel,
  valueLabel,
  namePlaceholder,
  valuePlaceholder,
  addLabel,
  removeLabel,
  valueType = 'text',
  arrow,
  invalid,
  mono = true,
}: PairRowsEditorProps) {
  const update = (id: number, patch: Partial<PairRow>) =>
    onChange(rows.map((row) => (row.id === id ? { ...row, ...patch } : row)));
  const inputClass = mono ? 'font-mono text-xs' : undefined;
  return (
    <div className="space-y-2">
      {rows.map((row, index) => (
        <div key={row.id} className="flex items-center gap-2">
          <Input
            aria-label={`${nameLabel} ${index + 1}`}
            value={row.name}
            placeholder={namePlaceholder}
            onChange={(event) => update(row.id, { name: event.target.value })}
            className={inputClass}
            aria-invalid={invalid && !row.name.trim() ? true : undefined}
            autoComplete="off"
            spellCheck={false}
          />
          {arrow && <ArrowRight className="size-4 shrink-0 text-muted-foreground" aria-hidden />}
          <Input
            aria-label={`${valueLabel} ${index + 1}`}
            type={valueType}
            value={row.value}
            placeholder={valuePlaceholder}
            onChange={(event) => update(row.id, { value: event.target.value })}
            className={inputClass}
            aria-invalid={invalid && !row.value ? true : undefined}
            autoComplete={valueType === 'password' ? 'new-password' : 'off'}
            spellCheck={false}
          />
          <Button
            variant="ghost"
            size="icon-sm"
            onClick={() => onChange(rows.filter((item) => item.id !== row.id))}
            aria-label={removeLabel(row, index)}
          >
            <Trash2 />
          </Button>
        </div>
      ))}
      <Button variant="outline" size="sm" onClick={() => onChange([...rows, newRow()])}>
        <Plus />
        {addLabel}
      </Button>
    </div>
  );
}
