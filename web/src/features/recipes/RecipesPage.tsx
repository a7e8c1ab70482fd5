import { ArrowLeftRight } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ModelPicker } from '../../components/ModelPicker';
import { PageHeader } from '../../components/PageHeader';
import { Alert, Card, CopyButton, TabPanel, Tabs } from '../../components/ui';
import { useCurrentUser } from '../../lib/auth';
import { usePlaygroundModels } from '../playground/use-playground-models';
import { type RecipeKey, RecipeKeyCard } from './RecipeKeyCard';
import { RecipeSnippets } from './RecipeSnippets';
import { isRecipeClient, RECIPE_CLIENTS, type RecipeClient, recipeClient, SURFACE_ENDPOINTS } from './recipe-clients';
import { isTranslated, NATIVE_FAMILY, recommendedModel, recommendedSmallModel } from './recipe-models';
import { buildRecipe } from './recipes';
import { useGatewayOrigin } from './use-gateway-origin';

/** Coding agents, where AIHub's translation lets any model stand behind the client. */
const AGENTS: readonly RecipeClient[] = ['claude-code', 'codex', 'gemini-cli'];

/**
 * "Use with…": set-up for each client with this user's key, a model they can call and this
 * server's address filled in. The client is in the URL (`/use-with?client=codex`) so the README
 * and support can link straight to one.
 */
export function RecipesPage() {
  const { t } = useTranslation('recipes');
  const user = useCurrentUser();
  const origin = useGatewayOrigin();
  const [params, setParams] = useSearchParams();
  const requested = params.get('client');
  const client: RecipeClient = isRecipeClient(requested) ? requested : 'claude-code';
  const info = recipeClient(client);

  const models = usePlaygroundModels(user.id);
  const ids = useMemo(() => (models.models ?? []).map((model) => model.id), [models.models]);
  // What the user picked, per client; otherwise the client's recommended model.
  const [picked, setPicked] = useState<Partial<Record<RecipeClient, string>>>({});
  const [pickedSmall, setPickedSmall] = useState<string | null>(null);
  const [key, setKey] = useState<RecipeKey | null>(null);

  const chosen = picked[client];
  const model = (chosen && ids.includes(chosen) ? chosen : recommendedModel(client, ids)) ?? 'MODEL_ID';
  const smallModel = pickedSmall && ids.includes(pickedSmall) ? pickedSmall : recommendedSmallModel(model, ids);
  const recipe = useMemo(
    () => buildRecipe(client, { origin, key: key?.value, model, smallModel }),
    [client, origin, key, model, smallModel],
  );
  const family = t(`families.${NATIVE_FAMILY[client]}`);

  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <PageHeader title={t('title')} description={t('description')} />
      <RecipeKeyCard clientLabel={info.label} value={key} onChange={setKey} />
      <Card className="space-y-5 p-5">
        <Tabs
          label={t('clients')}
          value={client}
          onChange={(next) => setParams({ client: next }, { replace: true })}
          tabs={RECIPE_CLIENTS.map((entry) => ({ value: entry.id, label: entry.label }))}
        />
        <TabPanel className="space-y-5">
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="space-y-1.5">
              <p className="text-sm font-medium">{t('model.label')}</p>
              <ModelPicker
                models={models.models}
                value={model}
                onChange={(next) => setPicked((current) => ({ ...current, [client]: next }))}
                loading={models.isLoading}
                error={models.error}
                onRetry={models.refetch}
              />
              <p className="text-xs text-muted-foreground">{t('model.recommended', { client: info.label, family })}</p>
            </div>
            {client === 'claude-code' && (
              <div className="space-y-1.5">
                <p className="text-sm font-medium">{t('model.small')}</p>
                <ModelPicker
                  models={models.models}
                  value={smallModel}
                  onChange={setPickedSmall}
                  loading={models.isLoading}
                  error={models.error}
                  onRetry={models.refetch}
                />
                <p className="text-xs text-muted-foreground">{t('model.smallHint')}</p>
              </div>
            )}
          </div>
          <dl className="grid gap-2 rounded-lg border border-border bg-muted/40 px-3 py-2.5 text-sm sm:grid-cols-[auto_1fr]">
            <dt className="text-muted-foreground">{t('origin')}</dt>
            <dd className="flex min-w-0 items-center gap-1">
              <code className="truncate font-mono text-xs" data-testid="recipe-origin">
                {origin}
              </code>
              <CopyButton value={origin} className="size-6 shrink-0" />
            </dd>
            <dt className="text-muted-foreground">{t('surface.label')}</dt>
            <dd className="space-y-0.5">
              {recipe.surfaces.map((surface) => (
                <p key={surface}>
                  {t(`surface.${surface}`)}{' '}
                  <code className="font-mono text-xs text-muted-foreground">{SURFACE_ENDPOINTS[surface]}</code>
                </p>
              ))}
            </dd>
          </dl>
          {AGENTS.includes(client) && isTranslated(client, model) && ids.includes(model) && (
            <Alert variant="info">
              <ArrowLeftRight className="mr-1.5 inline size-3.5 align-[-2px]" aria-hidden />
              {t('translated', { model, family, client: info.label })}
            </Alert>
          )}
          <RecipeSnippets recipe={recipe} />
        </TabPanel>
      </Card>
    </div>
  );
}
