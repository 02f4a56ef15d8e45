# Sourced by scripts that drive a running server with curl and jq.
#
# paid_org SERVER SUBDOMAIN PRODUCTS_JSON
#   registers admin@SUBDOMAIN.example, creates the organization SUBDOMAIN with
#   PRODUCTS_JSON (e.g. '[{"product":"crm","package":"crm-team"}]') and pays it
#   through the sandbox checkout, as a person would. Sets TOKEN and ORG.
paid_org() {
    local server=$1 subdomain=$2 products=$3 checkout status
    TOKEN=$(curl -fsS -X POST "$server/api/v1/auth/register" \
        -H 'Content-Type: application/json' \
        -d "{\"email\":\"admin@$subdomain.example\",\"password\":\"violet-harbor-7-lantern\",\"name\":\"Admin of $subdomain\"}" |
        jq -r .token)
    ORG=$(curl -fsS -X POST "$server/api/v1/orgs" \
        -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" \
        -d "{\"name\":\"$subdomain GmbH\",\"subdomain\":\"$subdomain\",\"country\":\"DE\",\"address\":\"Hauptstraße 1, 10115 Berlin\",\"billing_email\":\"billing@$subdomain.example\",\"products\":$products}" |
        jq -r .id)
    # A new organization is closed until paid: pay through the sandbox checkout.
    checkout=$(curl -fsS -X POST "$server/api/v1/orgs/$ORG/checkout" \
        -H "Authorization: Bearer $TOKEN" | jq -r .checkout_url)
    curl -fsS -o /dev/null -X POST "$checkout" \
        --data-urlencode "cardholder=Admin of $subdomain" --data-urlencode 'card_number=4242 4242 4242 4242' \
        --data-urlencode 'expiry=12/39' --data-urlencode 'cvc=123'
    status=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$server/api/v1/orgs/$ORG" | jq -r .status)
    if [ "$status" != active ]; then
        echo "paid_org: the organization is $status after paying, not active" >&2
        return 1
    fi
}
