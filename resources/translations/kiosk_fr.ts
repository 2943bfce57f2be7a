<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AppStatusBar</name>
    <message>
        <location filename="../../kiosk_app/ui/widgets/status.py" line="24" />
        <source>Connection state</source>
        <translation>État de la connexion</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/status.py" line="31" />
        <source>Store: %1</source>
        <translation>Magasin : %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/status.py" line="32" />
        <source>associate</source>
        <translation>vendeur</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/status.py" line="32" />
        <source>kiosk</source>
        <translation>borne</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/status.py" line="34" />
        <source>Device: %1 (%2)</source>
        <translation>Appareil : %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/status.py" line="39" />
        <source>Online</source>
        <translation>En ligne</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/status.py" line="40" />
        <source>Slow connection</source>
        <translation>Connexion lente</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/status.py" line="41" />
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/status.py" line="42" />
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../kiosk_app/ui/screens/home.py" line="42" />
        <source>Scan a barcode</source>
        <translation>Scannez un code</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/screens/home.py" line="46" />
        <source>Scan a product, a loyalty card, a pickup QR or a receipt — or type the number below. You can also search products by name.</source>
        <translation>Scannez un produit, une carte de fidélité, un QR de retrait ou un ticket — ou saisissez le numéro ci-dessous. Vous pouvez aussi chercher un produit par son nom.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/screens/home.py" line="56" />
        <source>Barcode, order number or product name</source>
        <translation>Code-barres, n° de commande ou nom de produit</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/screens/home.py" line="57" />
        <source>Code or product name</source>
        <translation>Code ou nom de produit</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/screens/home.py" line="61" />
        <source>Find</source>
        <translation>Chercher</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/screens/home.py" line="61" />
        <source>Find this code</source>
        <translation>Chercher ce code</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/screens/home.py" line="69" />
        <source>Products</source>
        <translation>Produits</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/screens/home.py" line="72" />
        <source>Search results</source>
        <translation>Résultats de recherche</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/screens/home.py" line="82" />
        <source>Keypad</source>
        <translation>Clavier</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/screens/home.py" line="103" />
        <source>Searching “%1”…</source>
        <translation>Recherche de « %1 »…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/screens/home.py" line="110" />
        <source>No product matches this search.</source>
        <translation>Aucun produit ne correspond à cette recherche.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/screens/home.py" line="122" />
        <source>%1 products found</source>
        <translation>%1 produits trouvés</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kiosk_app/ui/main_window.py" line="52" />
        <location filename="../../kiosk_app/ui/main_window.py" line="71" />
        <location filename="../../kiosk_app/ui/main_window.py" line="72" />
        <source>Store app</source>
        <translation>Appli magasin</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/main_window.py" line="86" />
        <source>Scan</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/main_window.py" line="87" />
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/main_window.py" line="90" />
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../kiosk_app/ui/messages.py" line="12" />
        <source>The central system is not answering in time. Check the network and try again.</source>
        <translation>Le système central ne répond pas à temps. Vérifiez le réseau et réessayez.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/messages.py" line="17" />
        <source>No connection to the central system. Check the store network and try again.</source>
        <translation>Pas de connexion au système central. Vérifiez le réseau du magasin et réessayez.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/messages.py" line="22" />
        <source>The central system had a problem. Try again in a moment.</source>
        <translation>Le système central a rencontré un problème. Réessayez dans un instant.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/messages.py" line="26" />
        <source>This device is not signed in to the central system. Ask IT to enroll it.</source>
        <translation>Cet appareil n’est pas enregistré auprès du système central. Demandez à l’informatique de l’enrôler.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/messages.py" line="30" />
        <source>This device is not allowed to do that.</source>
        <translation>Cet appareil n’est pas autorisé à faire cela.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/messages.py" line="32" />
        <source>Not found in the catalogue.</source>
        <translation>Introuvable dans le catalogue.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/messages.py" line="35" />
        <source>This barcode number is not valid (check digit). Scan it again.</source>
        <translation>Ce code-barres n’est pas valide (clé de contrôle). Scannez-le à nouveau.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/messages.py" line="38" />
        <source>The central system refused the request: %1</source>
        <translation>Le système central a refusé la demande : %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/messages.py" line="42" />
        <source>The central system sent an answer this app does not understand.</source>
        <translation>Le système central a envoyé une réponse que l’appli ne comprend pas.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/messages.py" line="45" />
        <source>Something went wrong: %1</source>
        <translation>Un problème est survenu : %1</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <location filename="../../kiosk_app/ui/widgets/notice.py" line="22" />
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/notice.py" line="23" />
        <source>Dismiss message</source>
        <translation>Fermer le message</translation>
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <location filename="../../kiosk_app/ui/widgets/keypad.py" line="23" />
        <source>Delete last digit</source>
        <translation>Effacer le dernier chiffre</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/keypad.py" line="28" />
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/keypad.py" line="28" />
        <source>Search this code</source>
        <translation>Chercher ce code</translation>
    </message>
</context>
<context>
    <name>ProductImage</name>
    <message>
        <location filename="../../kiosk_app/ui/widgets/product_image.py" line="21" />
        <source>Picture of %1</source>
        <translation>Image de %1</translation>
    </message>
</context>
<context>
    <name>ProductScreen</name>
    <message>
        <location filename="../../kiosk_app/ui/screens/product.py" line="48" />
        <source>‹ New scan</source>
        <translation>‹ Nouveau scan</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/screens/product.py" line="48" />
        <source>Back to scanning</source>
        <translation>Retour au scan</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/screens/product.py" line="100" />
        <source>Other colours and sizes</source>
        <translation>Autres couleurs et tailles</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/screens/product.py" line="109" />
        <source>Warehouse (home delivery or to this store)</source>
        <translation>Entrepôt (livraison à domicile ou en magasin)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/screens/product.py" line="116" />
        <source>In this store</source>
        <translation>Dans ce magasin</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/screens/product.py" line="126" />
        <source>Available in other stores, nearest first</source>
        <translation>Disponible dans d’autres magasins, du plus proche au plus loin</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/screens/product.py" line="142" />
        <source>Looking up %1…</source>
        <translation>Recherche de %1…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/screens/product.py" line="153" />
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/screens/product.py" line="177" />
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/screens/product.py" line="192" />
        <source>Size %1</source>
        <translation>Taille %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/screens/product.py" line="195" />
        <source>SKU %1 · GTIN %2 · %3</source>
        <translation>Réf. %1 · GTIN %2 · %3</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/screens/product.py" line="203" />
        <source>Out of stock here</source>
        <translation>En rupture ici</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/screens/product.py" line="204" />
        <source>Last units</source>
        <translation>Dernières pièces</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/screens/product.py" line="204" />
        <source>In stock</source>
        <translation>En stock</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/screens/product.py" line="232" />
        <source>Colour %1</source>
        <translation>Couleur %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/screens/product.py" line="242" />
        <source>%1 here</source>
        <translation>%1 ici</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/screens/product.py" line="243" />
        <source>none here</source>
        <translation>aucun ici</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/screens/product.py" line="251" />
        <source>Size %1, %2 in this store</source>
        <translation>Taille %1, %2 dans ce magasin</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/screens/product.py" line="261" />
        <source>No other location carries it.</source>
        <translation>Aucun autre site ne l’a en stock.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/screens/product.py" line="269" />
        <source>%1 km</source>
        <translation>%1 km</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/screens/product.py" line="277" />
        <source>%1, %2 km, %3 available</source>
        <translation>%1, %2 km, %3 disponibles</translation>
    </message>
</context>
<context>
    <name>ScanText</name>
    <message>
        <location filename="../../kiosk_app/ui/scan_text.py" line="15" />
        <source>“%1” looks like a barcode but its check digit is wrong. Scan again.</source>
        <translation>« %1 » ressemble à un code-barres mais sa clé de contrôle est fausse. Scannez à nouveau.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/scan_text.py" line="19" />
        <source>Nothing was read. Scan again.</source>
        <translation>Rien n’a été lu. Scannez à nouveau.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/scan_text.py" line="21" />
        <source>Code not recognised: “%1”. It is not a product, loyalty, order or receipt code.</source>
        <translation>Code non reconnu : « %1 ». Ce n’est ni un produit, ni une carte de fidélité, ni une commande, ni un ticket.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/scan_text.py" line="27" />
        <source>Loyalty code read (%1). Customer profiles are not available in this version.</source>
        <translation>Code fidélité lu (%1). Les fiches clients ne sont pas disponibles dans cette version.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/scan_text.py" line="30" />
        <source>Pickup code read (%1). Click-and-collect is not available in this version.</source>
        <translation>Code de retrait lu (%1). Le retrait de commandes n’est pas disponible dans cette version.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/scan_text.py" line="33" />
        <source>Order number read (%1). Orders are not available in this version.</source>
        <translation>Numéro de commande lu (%1). Les commandes ne sont pas disponibles dans cette version.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/scan_text.py" line="36" />
        <source>Receipt read (%1). Returns are not available in this version.</source>
        <translation>Ticket lu (%1). Les retours ne sont pas disponibles dans cette version.</translation>
    </message>
</context>
</TS>