import { formatPrice } from 'public/format';

$w.onReady(function () {
  $w('#priceText').text = formatPrice(1299);
});
