import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { ApiResponse } from '../../api/schema';
import { PageHeader } from '../../components/PageHeader';
import { Card, CopyButton, TabPanel, Tabs } from '../../components/ui';
import { api } from '../../lib/api';
import { RecipeSnippets } from '../recipes/RecipeSnippets';
import { isRecipeClient, RECIPE_CLIENTS, type RecipeClient, SURFACE_ENDPOINTS } from '../recipes/recipe-clients';
import { recommendedModel, recommendedSmallModel } from '../recipes/recipe-models';
import { buildRecipe } from '../recipes/recipes';
import { useGatewayOrigin } from '../recipes/use-gateway-origin';
import { SignUpLink } from './PublicLayout';

type PublicModels = ApiResponse<'/api/public/models', 'get'>;

/**
 * `/docs`: the "Use with…" recipes for visitors, with a placeholder instead of a key, and a model
 * this server serves when the operator lists models publicly (else a placeholder too).
 */
export function PublicDocsPage() {
  const { t } = useTranslation(['site', 'recipes']);
  const origin = useGatewayOrigin();
  const [params, setParams] = useSearchParams();
  const requested = params.get('client');
  const client: RecipeClient = isRecipeClient(requested) ? requested : 'claude-code';
  const models = useQuery({
    queryKey: ['public', 'models'],
    queryFn: ({ signal }) => api.get<PublicModels>('/api/public/models', { signal }),
    staleTime: 60_000,
  });
  const ids = useMemo(() => (models.data?.data ?? []).map((model) => model.id), [models.data]);
  const model = recommendedModel(client, ids) ?? 'MODEL_ID';
  const recipe = useMemo(
    () => buildRecipe(client, { origin, key: null, model, smallModel: recommendedSmallModel(model, ids) }),
    [client, origin, model, ids],
  );
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <PageHeader title={t('site:docs.title')} description={t('site:docs.description')} />
      <Card className="space-y-5 p-5">
        <Tabs
          label={t('recipes:clients')}
          value={client}
          onChange={(next) => setParams({ client: next }, { replace: true })}
          tabs={RECIPE_CLIENTS.map((entry) => ({ value: entry.id, label: entry.label }))}
        />
        <TabPanel className="space-y-5">
          <dl className="grid gap-2 rounded-lg border border-border bg-muted/40 px-3 py-2.5 text-sm sm:grid-cols-[auto_1fr]">
            <dt className="text-muted-foreground">{t('recipes:origin')}</dt>
            <dd className="flex min-w-0 items-center gap-1">
              <code className="truncate font-mono text-xs">{origin}</code>
              <CopyButton value={origin} className="size-6 shrink-0" />
            </dd>
            <dt className="text-muted-foreground">{t('recipes:surface.label')}</dt>
            <dd className="space-y-0.5">
              {recipe.surfaces.map((surface) => (
                <p key={surface}>
                  {t(`recipes:surface.${surface}`)}{' '}
                  <code className="font-mono text-xs text-muted-foreground">{SURFACE_ENDPOINTS[surface]}</code>
                </p>
              ))}
            </dd>
          </dl>
          <RecipeSnippets recipe={recipe} />
        </TabPanel>
      </Card>
      <SignUpLink text={t('site:docs.signUpCta')} />
    </div>
  );
}
