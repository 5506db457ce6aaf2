import { useQuery } from "@tanstack/react-query";
import { fetchModelPrices } from "../api/fetch-model-prices";
import { modelPriceKeys } from "../api/model-price-keys";

export function useModelPrices(organizationId: string) {
  return useQuery({
    queryKey: modelPriceKeys.list(organizationId),
    queryFn: () => fetchModelPrices(organizationId),
  });
}
