#!/usr/bin/env bash
# The Drop curl tour (docs/drop.md): Sarah and Jake race for the last pair.
# Needs a running Fortress started with FORTRESS_ADMIN_EMAIL / FORTRESS_ADMIN_PASSWORD.
set -euo pipefail
BASE=${BASE:-http://localhost:8080}
ADMIN_EMAIL=${ADMIN_EMAIL:-admin@example.com}
ADMIN_PASSWORD=${ADMIN_PASSWORD:-correct-horse-battery-staple}
JSON='Content-Type: application/json'
login() {
  curl -s -X POST $BASE/api/v1/auth/login -H "$JSON" \
    -d "{\"email\":\"$1\",\"password\":\"$2\"}" | jq -r .accessToken
}

# 1. The admin creates a product with two units of one SKU, and a drop of one unit, live now.
ADMIN=$(login "$ADMIN_EMAIL" "$ADMIN_PASSWORD")
SKU=AJ1-CHI-42-$RANDOM
curl -s -X POST $BASE/api/v1/products -H "Authorization: Bearer $ADMIN" -H "$JSON" -d "{
  \"name\": \"Air Jordan 1 Retro High 'Chicago'\", \"brand\": \"Nike\",
  \"description\": \"The original colourway, limited release.\",
  \"variants\": [{\"sku\": \"$SKU\", \"size\": \"42\", \"price\": {\"amount\": 17000, \"currency\": \"USD\"}, \"stock\": 2}]
}" | jq -c '{id, name, variants}'
DROP=$(curl -s -X POST $BASE/api/v1/drops -H "Authorization: Bearer $ADMIN" -H "$JSON" \
  -d "{\"sku\":\"$SKU\",\"quantity\":1,\"startsAt\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"perCustomerLimit\":1}" | jq -r .id)
curl -s $BASE/api/v1/drops/$DROP | jq -c .                       # public: status LIVE, available 1
curl -s $BASE/api/v1/inventory/$SKU | jq -c .                     # the drop's unit is set aside: reserved 1, available 1
curl -s "$BASE/api/v1/products?q=jord&brand=nike" | jq -c '[.items[].name]'   # public search, prefix match

# 2. Sarah and Jake sign up.
for who in sarah jake; do
  curl -s -o /dev/null -X POST $BASE/api/v1/auth/register -H "$JSON" \
    -d "{\"email\":\"$who-$SKU@example.com\",\"password\":\"correct-horse-battery-staple\",\"displayName\":\"$who\"}"
done
SARAH=$(login "sarah-$SKU@example.com" correct-horse-battery-staple)
JAKE=$(login "jake-$SKU@example.com" correct-horse-battery-staple)

# 3. They click Buy on the last pair at the same moment: one 201 PAID, the other 409 sold-out.
BUY="{\"dropId\":\"$DROP\",\"quantity\":1,\"payment\":{\"token\":\"tok_visa\"}}"
curl -s -o /tmp/sarah.json -w 'sarah: %{http_code}\n' -X POST $BASE/api/v1/orders -H "$JSON" \
  -H "Authorization: Bearer $SARAH" -H 'Idempotency-Key: sarah-buy-1' -d "$BUY" &
curl -s -o /tmp/jake.json -w 'jake:  %{http_code}\n' -X POST $BASE/api/v1/orders -H "$JSON" \
  -H "Authorization: Bearer $JAKE" -H 'Idempotency-Key: jake-buy-1' -d "$BUY" &
wait
jq -c '{status, type, detail, id}' /tmp/sarah.json /tmp/jake.json
if [ "$(jq -r .status /tmp/sarah.json)" = PAID ]; then
  WINNER=$SARAH; KEY=sarah-buy-1; LOSER=$JAKE; ORDER=$(jq -r .id /tmp/sarah.json)
else
  WINNER=$JAKE; KEY=jake-buy-1; LOSER=$SARAH; ORDER=$(jq -r .id /tmp/jake.json)
fi
curl -s $BASE/api/v1/drops/$DROP | jq -c '{status, available}'   # SOLD_OUT

# 4. The winner's app retries the same request with the same key: the same order, not a second one.
curl -s -X POST $BASE/api/v1/orders -H "$JSON" -H "Authorization: Bearer $WINNER" \
  -H "Idempotency-Key: $KEY" -d "$BUY" | jq -c '{id, status}'
echo "first order: $ORDER"
# ... and the same key with another body is refused (422 idempotency-key-reused).
curl -s -X POST $BASE/api/v1/orders -H "$JSON" -H "Authorization: Bearer $WINNER" \
  -H "Idempotency-Key: $KEY" -d "{\"dropId\":\"$DROP\",\"quantity\":2,\"payment\":{\"token\":\"tok_visa\"}}" | jq -c '{status, type}'

# 5. The other buyer tries the second unit (outside the drop) with a declined card: 402, stock released.
curl -s -X POST $BASE/api/v1/orders -H "$JSON" -H "Authorization: Bearer $LOSER" -H 'Idempotency-Key: second-pair' \
  -d "{\"items\":[{\"sku\":\"$SKU\",\"quantity\":1}],\"payment\":{\"token\":\"tok_declined\"}}" | jq -c '{status, type, detail}'
curl -s $BASE/api/v1/inventory/$SKU | jq -c .                       # available 1 again

# 6. The winner cancels: refunded through the provider and restocked (exactly once, even if sent twice).
curl -s -X POST $BASE/api/v1/orders/$ORDER/cancel -H "Authorization: Bearer $WINNER" | jq -c '{status, refundId, cancelReason}'
curl -s -X POST $BASE/api/v1/orders/$ORDER/cancel -H "Authorization: Bearer $WINNER" | jq -c '{status, refundId}'
curl -s $BASE/api/v1/inventory/$SKU | jq -c .                       # onHand 2, reserved 1 (the drop's again), available 1
curl -s $BASE/api/v1/drops/$DROP | jq -c '{status, available}'      # LIVE again
curl -s "$BASE/api/v1/orders" -H "Authorization: Bearer $WINNER" | jq -c '[.items[] | {id, status}]'
