// A searchable model picker shared by the console's pages: `<ModelPicker models value onChange />`.
export { ModelPicker, type ModelPickerProps, ProviderMark } from './ModelPicker';
export {
  type Capability,
  type CatalogEntry,
  chatModels,
  filterModels,
  formatContextWindow,
  joinModels,
  markProviderOf,
  PICKER_CAPABILITIES,
  type PickerModel,
  type PickerPrice,
  providerLabel,
  providersOf,
  type RoutableModel,
} from './model-list';
