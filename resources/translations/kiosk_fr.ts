<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AppStatusBar</name>
    <message>
        <location filename="../../kiosk_app/ui/widgets/status.py" line="51"/>
        <source>Connection state</source>
        <translation>État de la connexion</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/status.py" line="70"/>
        <source>Store: %1</source>
        <translation>Magasin&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/status.py" line="71"/>
        <source>associate</source>
        <translation>vendeur</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/status.py" line="71"/>
        <source>kiosk</source>
        <translation>borne</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/status.py" line="73"/>
        <source>Device: %1 (%2)</source>
        <translation>Appareil&#xa0;: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/status.py" line="82"/>
        <source>Live</source>
        <translation>En direct</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/status.py" line="82"/>
        <source>Not live</source>
        <translation>Pas en direct</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/status.py" line="85"/>
        <source>Live updates: %1</source>
        <translation>Mises à jour en direct : %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/status.py" line="105"/>
        <source>%1 to send</source>
        <translation>%1 à envoyer</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk_app/ui/widgets/status.py" line="107"/>
        <source>%n need(s) attention</source>
        <translation>
            <numerusform>%n à traiter</numerusform>
            <numerusform>%n à traiter</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/status.py" line="111"/>
        <source>Sync: %1</source>
        <translation>Synchronisation&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/status.py" line="124"/>
        <source>Online</source>
        <translation>En ligne</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/status.py" line="125"/>
        <source>Slow connection</source>
        <translation>Connexion lente</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/status.py" line="126"/>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/status.py" line="127"/>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/status.py" line="131"/>
        <source>%1 — as of %2</source>
        <translation>%1 — données de %2</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/status.py" line="133"/>
        <source>Connection state: %1</source>
        <translation>État de la connexion&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/approval.py" line="23"/>
        <location filename="../../kiosk_app/flows/returns/ui/approval.py" line="29"/>
        <source>Manager approval</source>
        <translation>Accord du responsable</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/approval.py" line="32"/>
        <source>A manager approves the return of order %1 with their ID and PIN.</source>
        <translation>Un responsable valide le retour de la commande %1 avec son identifiant et son code PIN.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/approval.py" line="40"/>
        <source>Manager ID (e.g. M001)</source>
        <translation>Identifiant responsable (ex. M001)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/approval.py" line="41"/>
        <source>Manager ID</source>
        <translation>Identifiant responsable</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/approval.py" line="45"/>
        <location filename="../../kiosk_app/flows/returns/ui/approval.py" line="46"/>
        <source>PIN</source>
        <translation>Code PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/approval.py" line="57"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/approval.py" line="59"/>
        <source>Approve</source>
        <translation>Valider</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/approval.py" line="69"/>
        <source>Enter the manager ID and PIN.</source>
        <translation>Saisissez l’identifiant et le code PIN du responsable.</translation>
    </message>
</context>
<context>
    <name>BarcodeImage</name>
    <message>
        <location filename="../../kiosk_app/ui/widgets/barcode_image.py" line="43"/>
        <source>Barcode %1</source>
        <translation>Code-barres %1</translation>
    </message>
</context>
<context>
    <name>CameraPanel</name>
    <message>
        <location filename="../../kiosk_app/ui/widgets/camera_panel.py" line="14"/>
        <source>Camera</source>
        <translation>Caméra</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/camera_panel.py" line="21"/>
        <source>Camera to use</source>
        <translation>Caméra à utiliser</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/camera_panel.py" line="24"/>
        <location filename="../../kiosk_app/ui/widgets/camera_panel.py" line="86"/>
        <source>Start camera</source>
        <translation>Activer la caméra</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/camera_panel.py" line="29"/>
        <source>Read a barcode picture…</source>
        <translation>Lire une image de code…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/camera_panel.py" line="29"/>
        <source>Read barcodes in an image file</source>
        <translation>Lire les codes-barres d’un fichier image</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/camera_panel.py" line="49"/>
        <source>Camera preview</source>
        <translation>Aperçu de la caméra</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/camera_panel.py" line="56"/>
        <source>Barcode picture</source>
        <translation>Image de code-barres</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/camera_panel.py" line="56"/>
        <source>Images (*.png *.jpg *.jpeg *.bmp)</source>
        <translation>Images (*.png *.jpg *.jpeg *.bmp)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/camera_panel.py" line="65"/>
        <source>This file cannot be read as an image.</source>
        <translation>Ce fichier n’est pas une image lisible.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/camera_panel.py" line="67"/>
        <source>No barcode found in this picture.</source>
        <translation>Aucun code-barres trouvé dans cette image.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/camera_panel.py" line="74"/>
        <source>No camera found. Use the handheld scanner or type the code.</source>
        <translation>Aucune caméra trouvée. Utilisez le scanner ou saisissez le code.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/camera_panel.py" line="75"/>
        <source>The camera cannot be used on this device: %1</source>
        <translation>La caméra n’est pas utilisable sur cet appareil&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/camera_panel.py" line="78"/>
        <source>Point the camera at a barcode or QR code.</source>
        <translation>Pointez la caméra vers un code-barres ou un QR code.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/camera_panel.py" line="79"/>
        <source>Scanning with %1…</source>
        <translation>Scan avec %1…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/camera_panel.py" line="86"/>
        <source>Stop camera</source>
        <translation>Arrêter la caméra</translation>
    </message>
</context>
<context>
    <name>CredentialForm</name>
    <message>
        <location filename="../../kiosk_app/ui/staff_credentials.py" line="57"/>
        <location filename="../../kiosk_app/ui/staff_credentials.py" line="61"/>
        <source>Staff ID</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/staff_credentials.py" line="60"/>
        <source>Scan your badge or type your ID</source>
        <translation>Badge ou identifiant</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/staff_credentials.py" line="75"/>
        <location filename="../../kiosk_app/ui/staff_credentials.py" line="79"/>
        <source>PIN</source>
        <translation>Code PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/staff_credentials.py" line="78"/>
        <source>4 to 8 digits</source>
        <translation>4 à 8 chiffres</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/staff_credentials.py" line="98"/>
        <source>Badge scanned ✓</source>
        <translation>Badge scanné ✓</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/staff_credentials.py" line="129"/>
        <source>Scan your badge or type your staff ID.</source>
        <translation>Scannez votre badge ou saisissez votre identifiant.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/staff_credentials.py" line="132"/>
        <source>Enter your PIN (4 to 8 digits).</source>
        <translation>Saisissez votre code PIN (4 à 8 chiffres).</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/staff_credentials.py" line="69"/>
        <source>Not me / clear</source>
        <translation>Pas moi / effacer</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/staff_credentials.py" line="69"/>
        <source>Clear the scanned badge</source>
        <translation>Effacer le badge scanné</translation>
    </message>
</context>
<context>
    <name>CustomerFlow</name>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="916"/>
        <source>My account</source>
        <translation>Mon compte</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="916"/>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
</context>
<context>
    <name>CustomerScreen</name>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="79"/>
        <source>Bronze</source>
        <translation>Bronze</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="80"/>
        <source>Silver</source>
        <translation>Argent</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="81"/>
        <source>Gold</source>
        <translation>Or</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="82"/>
        <source>Platinum</source>
        <translation>Platine</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="89"/>
        <source>Placed</source>
        <translation>Passée</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="90"/>
        <source>Awaiting payment</source>
        <translation>En attente de paiement</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="91"/>
        <source>Paid, being prepared</source>
        <translation>Payée, en préparation</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="92"/>
        <source>Shipped</source>
        <translation>Expédiée</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="93"/>
        <source>Delivered</source>
        <translation>Livrée</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="94"/>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="106"/>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="101"/>
        <source>Being prepared</source>
        <translation>En préparation</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="102"/>
        <source>Ready for pickup</source>
        <translation>Prête à retirer</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="103"/>
        <source>Customer waiting</source>
        <translation>Client en attente</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="104"/>
        <source>Collected</source>
        <translation>Retirée</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="105"/>
        <source>Partly collected</source>
        <translation>Retirée en partie</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="107"/>
        <source>Expired</source>
        <translation>Expirée</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="114"/>
        <source>Online</source>
        <translation>En ligne</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="115"/>
        <source>In store</source>
        <translation>En magasin</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="116"/>
        <source>Endless aisle</source>
        <translation>Rayon infini</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="123"/>
        <source>This loyalty code has expired. Ask the customer to refresh it in their app.</source>
        <translation>Ce code fidélité a expiré. Demandez au client de l’actualiser dans son appli.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="127"/>
        <source>This loyalty code is not genuine (its signature does not match). Ask for the loyalty card or search the customer.</source>
        <translation>Ce code fidélité n’est pas authentique (sa signature ne correspond pas). Demandez la carte de fidélité ou cherchez le client.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="132"/>
        <source>This loyalty code cannot be read. Scan it again.</source>
        <translation>Ce code fidélité est illisible. Scannez-le à nouveau.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="135"/>
        <source>This loyalty code is not valid yet: check the date and time of this device.</source>
        <translation>Ce code fidélité n’est pas encore valable&#xa0;: vérifiez la date et l’heure de cet appareil.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="139"/>
        <source>Loyalty codes cannot be checked right now (no connection to the central system). Try again, or search the customer by name.</source>
        <translation>Impossible de vérifier les codes fidélité pour l’instant (pas de connexion au système central). Réessayez, ou cherchez le client par son nom.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="144"/>
        <source>Please show the loyalty code from your app: a card number alone cannot open your account here.</source>
        <translation>Présentez le code fidélité de votre appli&#xa0;: un numéro de carte seul ne permet pas d’ouvrir votre compte ici.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="155"/>
        <source>No customer matches %1.</source>
        <translation>Aucun client ne correspond à %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="159"/>
        <source>This device may not show this customer&apos;s data.</source>
        <translation>Cet appareil n’est pas autorisé à afficher les données de ce client.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="794"/>
        <source>%n more older order(s)</source>
        <translation>
            <numerusform>%n autre commande plus ancienne</numerusform>
            <numerusform>%n autres commandes plus anciennes</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="302"/>
        <source>Customer search</source>
        <translation>Recherche client</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="307"/>
        <source>Search</source>
        <translation>Chercher</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="307"/>
        <source>Search customers</source>
        <translation>Chercher des clients</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="324"/>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="363"/>
        <source>My account</source>
        <translation>Mon compte</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="324"/>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="363"/>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="328"/>
        <source>Scan the loyalty code shown in your app to see your cart and points.</source>
        <translation>Scannez le code fidélité affiché dans votre appli pour voir votre panier et vos points.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="331"/>
        <source>Scan the customer&apos;s loyalty card or app code, or search them by name, e-mail or phone.</source>
        <translation>Scannez la carte de fidélité ou le code appli du client, ou cherchez-le par nom, e-mail ou téléphone.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="339"/>
        <source>Customers found</source>
        <translation>Clients trouvés</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="342"/>
        <source>Customer search results</source>
        <translation>Résultats de la recherche client</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="382"/>
        <source>Your online cart</source>
        <translation>Votre panier en ligne</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="382"/>
        <source>Online cart</source>
        <translation>Panier en ligne</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="383"/>
        <source>Open orders and pickups</source>
        <translation>Commandes et retraits en cours</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="384"/>
        <source>Recent orders</source>
        <translation>Commandes récentes</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="386"/>
        <source>You may also like</source>
        <translation>Vous aimerez aussi</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="386"/>
        <source>Suggestions for this customer</source>
        <translation>Suggestions pour ce client</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="444"/>
        <source>this loyalty card</source>
        <translation>cette carte de fidélité</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="471"/>
        <source>Searching “%1”…</source>
        <translation>Recherche de «&#xa0;%1&#xa0;»…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="485"/>
        <source>No customer matches this search.</source>
        <translation>Aucun client ne correspond à cette recherche.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="494"/>
        <source>%1 points</source>
        <translation>%1 points</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="536"/>
        <source>Hello %1</source>
        <translation>Bonjour %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="545"/>
        <source>Customer %1 · card %2 · member since %3</source>
        <translation>Client %1 · carte %2 · membre depuis le %3</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="555"/>
        <source>E-mail offers: %1 · SMS: %2</source>
        <translation>Offres par e-mail&#xa0;: %1 · SMS&#xa0;: %2</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="556"/>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="557"/>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="556"/>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="557"/>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="570"/>
        <source>%1 pts</source>
        <translation>%1 pts</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="576"/>
        <source>%1 points to %2</source>
        <translation>Encore %1 points pour %2</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="666"/>
        <source>Your online cart is empty.</source>
        <translation>Votre panier en ligne est vide.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="668"/>
        <source>No online cart: nothing waiting to be bought online.</source>
        <translation>Pas de panier en ligne&#xa0;: aucun article en attente d’achat en ligne.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="694"/>
        <source>× %1</source>
        <translation>× %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="700"/>
        <source>Nearest: %1 (%2 km), %3 available</source>
        <translation>Plus proche&#xa0;: %1 (%2 km), %3 en stock</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="706"/>
        <source>Warehouse only: %1 available</source>
        <translation>Entrepôt uniquement&#xa0;: %1 en stock</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="708"/>
        <source>Out of stock everywhere</source>
        <translation>En rupture partout</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="715"/>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="854"/>
        <source>%1 here</source>
        <translation>%1 ici</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="715"/>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="856"/>
        <source>None here</source>
        <translation>Aucun ici</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="590"/>
        <source>Fetch</source>
        <translation>Aller chercher</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="301"/>
        <source>Name, e-mail, phone or loyalty no.</source>
        <translation>Nom, e-mail, tél. ou n° de fidélité</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="489"/>
        <source>%n customer(s) found</source>
        <translation>
            <numerusform>%n client trouvé</numerusform>
            <numerusform>%n clients trouvés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="676"/>
        <source>%n item(s) · %1</source>
        <translation>
            <numerusform>%n article · %1</numerusform>
            <numerusform>%n articles · %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="683"/>
        <source>Order the %n line(s) not in stock here</source>
        <translation>
            <numerusform>Commander la ligne absente ici</numerusform>
            <numerusform>Commander les %n lignes absentes ici</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="720"/>
        <source>Fetch %1 from the shop floor</source>
        <translation>Aller chercher %1 en rayon</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="716"/>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="857"/>
        <source>%1, %2 in this store</source>
        <translation>%1, %2 dans ce magasin</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="740"/>
        <source>No open order.</source>
        <translation>Aucune commande en cours.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="748"/>
        <source>Pickup in this store</source>
        <translation>Retrait dans ce magasin</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="750"/>
        <source>Pickup at %1</source>
        <translation>Retrait à %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="595"/>
        <source>Hand over pickup</source>
        <translation>Remettre la commande</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="732"/>
        <source>To fetch from the shop floor: %n line(s)</source>
        <translation>
            <numerusform>À aller chercher en rayon&#xa0;: %n ligne</numerusform>
            <numerusform>À aller chercher en rayon&#xa0;: %n lignes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="761"/>
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="762"/>
        <source>Open pickup %1</source>
        <translation>Ouvrir le retrait %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="775"/>
        <source>No order yet, online or in store.</source>
        <translation>Aucune commande pour l’instant, en ligne ou en magasin.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="811"/>
        <source>Pickup at %1: %2</source>
        <translation>Retrait à %1&#xa0;: %2</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="831"/>
        <source>No suggestion yet.</source>
        <translation>Aucune suggestion pour l’instant.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="843"/>
        <source>Often bought with %1</source>
        <translation>Souvent acheté avec %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="845"/>
        <source>In a category you like</source>
        <translation>Dans une catégorie appréciée</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="847"/>
        <source>Popular right now</source>
        <translation>Tendance du moment</translation>
    </message>
</context>
<context>
    <name>DismissPanel</name>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="74"/>
        <source>Note (required): what did you do about it?</source>
        <translation>Note (obligatoire)&#xa0;: quelle action a été menée&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="80"/>
        <source>Done on another device</source>
        <translation>Fait sur un autre appareil</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="81"/>
        <source>Customer informed</source>
        <translation>Client informé</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="82"/>
        <source>Redone on this device</source>
        <translation>Refait sur cet appareil</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="83"/>
        <source>IT support called</source>
        <translation>Support informatique appelé</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="93"/>
        <source>Type or tap a note above</source>
        <translation>Saisissez une note ou touchez-en une ci-dessus</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="94"/>
        <source>Dismiss note</source>
        <translation>Note de clôture</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="99"/>
        <source>Confirm dismiss</source>
        <translation>Confirmer la clôture</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="101"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>EndlessAisle</name>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="999"/>
        <source>Your order %1 will be cleared from this screen. The payment link was sent to %2: you can still pay with it.</source>
        <translation>Votre commande %1 va disparaître de cet écran. Le lien de paiement a été envoyé à %2 : vous pouvez toujours payer avec.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="1022"/>
        <source>Endless aisle</source>
        <translation>Rayon infini</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="27"/>
        <source>Home</source>
        <translation>Domicile</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="28"/>
        <source>Work</source>
        <translation>Travail</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="36"/>
        <source>Ready today</source>
        <translation>Disponible aujourd’hui</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="38"/>
        <source>On %1</source>
        <translation>Le %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="42"/>
        <source>Between %1 and %2</source>
        <translation>Entre le %1 et le %2</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="51"/>
        <source>Pick up at %1 (in stock there)</source>
        <translation>Retrait à %1 (en stock sur place)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="57"/>
        <source>To %1, sent from %2</source>
        <translation>Vers %1, expédié depuis %2</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="62"/>
        <source>Home delivery in several parcels, from %1</source>
        <translation>Livraison à domicile en plusieurs colis, depuis %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="65"/>
        <source>Home delivery from %1</source>
        <translation>Livraison à domicile depuis %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="72"/>
        <source>Full name</source>
        <translation>Nom et prénom</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="73"/>
        <source>Street and number</source>
        <translation>N° et rue</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="74"/>
        <source>Flat, floor</source>
        <translation>Appartement, étage</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="75"/>
        <source>Postcode</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="76"/>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="77"/>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="78"/>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="79"/>
        <source>Mobile phone</source>
        <translation>Téléphone mobile</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="80"/>
        <source>Items</source>
        <translation>Articles</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="81"/>
        <source>Delivery option</source>
        <translation>Option de livraison</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="89"/>
        <source>Add at least one item.</source>
        <translation>Ajoutez au moins un article.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="91"/>
        <source>Choose when and how the order is delivered.</source>
        <translation>Choisissez quand et comment la commande est livrée.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="95"/>
        <source>%1 is required.</source>
        <translation>Champ obligatoire&#xa0;: %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="99"/>
        <source>%1 is too long.</source>
        <translation>Texte trop long&#xa0;: %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="103"/>
        <source>This postcode is not valid for the country (example: %1).</source>
        <translation>Ce code postal n’est pas valable pour ce pays (exemple&#xa0;: %1).</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="107"/>
        <source>We do not deliver to this country.</source>
        <translation>Nous ne livrons pas dans ce pays.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="109"/>
        <source>This email address is not valid (example: name@example.com).</source>
        <translation>Cette adresse e-mail n’est pas valide (exemple&#xa0;: nom@exemple.fr).</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="113"/>
        <source>This phone number is not valid (8 to 15 digits, e.g. +33 6 12 34 56 78).</source>
        <translation>Ce numéro de téléphone n’est pas valide (8 à 15 chiffres, ex. +33 6 12 34 56 78).</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="118"/>
        <source>Scan the code in your app, or give your email or mobile number for the payment link.</source>
        <translation>Scannez le code de votre application, ou indiquez votre e-mail ou votre mobile pour le lien de paiement.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="123"/>
        <source>Attach a customer, or give an email or a mobile number for the payment link.</source>
        <translation>Associez un client, ou indiquez un e-mail ou un numéro de mobile pour le lien de paiement.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="127"/>
        <source>Check %1.</source>
        <translation>Vérifiez&#xa0;: %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="164"/>
        <source>Hello %1: this order will be on your account.</source>
        <extracomment>every field a problem may be about (the address&apos;s and the order&apos;s own) a long postcode example, for the room of the postcode&apos;s error</extracomment>
        <translation>Bonjour %1 : cette commande sera sur votre compte.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="168"/>
        <source>Added: %1</source>
        <translation>Ajouté&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="172"/>
        <source>No product has the code %1. Check it and scan again.</source>
        <translation>Aucun produit ne porte le code %1. Vérifiez-le et scannez à nouveau.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="177"/>
        <source>%1: %2 has none left now (sold meanwhile). Choose another option.</source>
        <translation>%1 : %2 n’en a plus (vendu entre-temps). Choisissez une autre option.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="185"/>
        <source>%1: %2 has only %3 left now (sold meanwhile). Choose another option.</source>
        <translation>%1 : %2 n’en a plus que %3 (vendu entre-temps). Choisissez une autre option.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="195"/>
        <source>Only %1 of %2 can be sent from one store or the warehouse.</source>
        <translation>Quantité maximale expédiable depuis un seul magasin ou l’entrepôt&#xa0;: %1 (%2).</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="202"/>
        <source>Customer attached: %1</source>
        <translation>Client associé&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="206"/>
        <source>No customer has the card or number %1.</source>
        <translation>Aucun client ne correspond à la carte ou au numéro %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="210"/>
        <source>To order on your account, scan the code shown in your app (My card). A card number cannot be used here.</source>
        <translation>Pour commander sur votre compte, scannez le code affiché dans votre application (Ma carte). Un numéro de carte ne peut pas être utilisé ici.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="216"/>
        <source>This code is no longer valid. Open your app and scan the new code it shows.</source>
        <translation>Ce code n’est plus valable. Ouvrez votre application et scannez le nouveau code affiché.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="221"/>
        <source>%1 items of the online cart added.</source>
        <translation>Articles du panier en ligne ajoutés&#xa0;: %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="225"/>
        <source>The online cart cannot be read from this device.</source>
        <translation>Le panier en ligne n’est pas accessible depuis cet appareil.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="229"/>
        <source>Something is missing: %1</source>
        <translation>Information manquante&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="233"/>
        <source>The payment was refused: %1</source>
        <translation>Le paiement a été refusé&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/texts.py" line="242"/>
        <source>Something went wrong.</source>
        <translation>Une erreur s’est produite.</translation>
    </message>
</context>
<context>
    <name>EndlessAisleScreen</name>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="144"/>
        <source>Order from another store or the warehouse</source>
        <extracomment>the live events: stock that invalidates the chosen option, the payment status the (masked) name a saved address of the customer put in the name field: sent as &quot;the customer&quot;, whose real name the server puts on the parcel</extracomment>
        <translation>Commander dans un autre magasin ou à l’entrepôt</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="146"/>
        <source>Start over</source>
        <translation>Recommencer</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="196"/>
        <source>1 · Items</source>
        <translation>1 · Articles</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="200"/>
        <source>Scan or type the barcode</source>
        <translation>Scannez le code-barres</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="203"/>
        <source>Barcode or SKU to add</source>
        <translation>Code-barres ou référence à ajouter</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="203"/>
        <source>Barcode to add</source>
        <translation>Code-barres à ajouter</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="206"/>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="217"/>
        <source>2 · Customer</source>
        <translation>2 · Client</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="217"/>
        <source>2 · Your account</source>
        <translation>2 · Votre compte</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="221"/>
        <source>Code from your app</source>
        <translation>Code de votre appli</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="222"/>
        <source>Scan the code shown in your app</source>
        <translation>Scannez le code affiché dans votre application</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="224"/>
        <source>Card or customer number</source>
        <translation>Carte ou n° client</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="225"/>
        <source>Loyalty card or customer number</source>
        <translation>Carte de fidélité ou n° client</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="227"/>
        <source>Attach</source>
        <translation>Associer</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="239"/>
        <source>Add online cart</source>
        <translation>Ajouter le panier en ligne</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="242"/>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="253"/>
        <source>Or your email or mobile number, for the payment link</source>
        <translation>Ou votre e-mail ou votre mobile, pour le lien de paiement</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="255"/>
        <source>Or a guest: email or mobile for the payment link</source>
        <translation>Ou un client invité&#xa0;: e-mail ou mobile pour le lien de paiement</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="260"/>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="262"/>
        <source>Guest email</source>
        <translation>E-mail du client invité</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="262"/>
        <source>Your email</source>
        <translation>Votre e-mail</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="265"/>
        <source>Mobile phone</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="267"/>
        <source>Guest mobile phone</source>
        <translation>Mobile du client invité</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="267"/>
        <source>Your mobile phone</source>
        <translation>Votre mobile</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="282"/>
        <source>I agree to receive news and offers</source>
        <translation>J’accepte de recevoir les nouveautés et les offres</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="284"/>
        <source>The customer agrees to receive news and offers</source>
        <translation>Le client accepte de recevoir les actualités et les offres</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="296"/>
        <source>3 · Delivery</source>
        <translation>3 · Livraison</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="301"/>
        <source>Home</source>
        <translation>Domicile</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="302"/>
        <source>This store</source>
        <translation>Ce magasin</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="303"/>
        <source>Other store</source>
        <translation>Autre
magasin</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="311"/>
        <source>Deliver to: %1</source>
        <translation>Livraison&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="330"/>
        <source>Full name</source>
        <translation>Nom et prénom</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="331"/>
        <source>Street and number</source>
        <translation>N° et rue</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="332"/>
        <source>Flat, floor (optional)</source>
        <translation>Appt, étage (facultatif)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="333"/>
        <source>Postcode</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="334"/>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="338"/>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="377"/>
        <source>4 · When and how</source>
        <translation>4 · Quand et comment</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="404"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="407"/>
        <source>Place order</source>
        <translation>Valider la commande</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="440"/>
        <source>New order</source>
        <translation>Nouvelle commande</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="443"/>
        <source>Mark paid (demo)</source>
        <translation>Marquer payée (démo)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="451"/>
        <source>Payment</source>
        <translation>Paiement</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="452"/>
        <source>Pay at the till: show this code</source>
        <translation>Paiement en caisse&#xa0;: présentez ce code</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="647"/>
        <source>Scan the items to order, or type their barcode.</source>
        <translation>Scannez les articles à commander ou saisissez leur code-barres.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="659"/>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="724"/>
        <source>%1 here
%2 can be sent</source>
        <translation>Ici&#xa0;: %1
Expédiable&#xa0;: %2</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="729"/>
        <source>One less %1</source>
        <translation>Une unité de moins&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="735"/>
        <source>Quantity %1</source>
        <translation>Quantité %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="736"/>
        <source>One more %1</source>
        <translation>Une unité de plus&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="767"/>
        <source>Looking for stock and delivery dates…</source>
        <translation>Recherche du stock et des dates de livraison…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="770"/>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="774"/>
        <source>No store and no warehouse can send all of it. Remove or change an item.</source>
        <translation>Aucun magasin ni entrepôt ne peut tout envoyer. Retirez ou modifiez un article.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="708"/>
        <source>Add items first.</source>
        <translation>Ajoutez d’abord des articles.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="200"/>
        <source>Barcode or SKU</source>
        <translation>Code-barres ou référence</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="672"/>
        <source>Use saved address: %1</source>
        <translation>Adresse enregistrée&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="710"/>
        <source>Complete the address to see dates and fees.</source>
        <translation>Complétez l’adresse pour voir les dates et les frais.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="786"/>
        <source>Free</source>
        <translation>Gratuit</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="642"/>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="810"/>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="924"/>
        <source>free</source>
        <translation>gratuite</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="638"/>
        <source>Items %1 · delivery %2</source>
        <translation>Articles %1 · livraison %2</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="837"/>
        <source>Take: %1</source>
        <translation>Choisir&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="840"/>
        <source>Someone else just took the last units (%1). Next option: %2.</source>
        <translation>Quelqu’un vient de prendre les dernières pièces (%1). Option suivante&#xa0;: %2.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="847"/>
        <source>The order was refused: %1</source>
        <translation>La commande a été refusée&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="849"/>
        <source>Change the order</source>
        <translation>Modifier la commande</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="865"/>
        <source>ORDER SAVED ON THIS DEVICE</source>
        <translation>COMMANDE ENREGISTRÉE SUR CET APPAREIL</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="867"/>
        <source>Sending…</source>
        <translation>Envoi en cours…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="868"/>
        <source>Not sent yet</source>
        <translation>Pas encore envoyée</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="871"/>
        <source>No connection to the central system. The order is kept on this device and will be sent automatically when the network returns.</source>
        <translation>Pas de connexion au système central. La commande est conservée sur cet appareil et sera envoyée automatiquement au retour du réseau.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="875"/>
        <source>The order is being sent to the central system.</source>
        <translation>La commande est en cours d’envoi au système central.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="884"/>
        <source>ORDER NUMBER</source>
        <translation>NUMÉRO DE COMMANDE</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="888"/>
        <source>Paid</source>
        <translation>Payée</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="889"/>
        <source>Payment received. The order is on its way.</source>
        <translation>Paiement reçu. La commande est en route.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="891"/>
        <source>Expired</source>
        <translation>Expirée</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="894"/>
        <source>It was not paid in time: the reserved items went back on sale. Start a new order if you still want them.</source>
        <translation>Elle n’a pas été payée à temps : les articles réservés sont remis en vente. Passez une nouvelle commande si vous les voulez toujours.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="899"/>
        <source>It was not paid in time: the reserved items went back on sale. Start a new order if the customer still wants them.</source>
        <translation>Elle n’a pas été payée à temps&#xa0;: les articles réservés ont été remis en vente. Créez une nouvelle commande si le client les veut toujours.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="904"/>
        <source>Awaiting payment</source>
        <translation>En attente de paiement</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="906"/>
        <source>The items are reserved for you. Pay by the link we sent, or at the till.</source>
        <translation>Les articles vous sont réservés. Payez avec le lien que nous vous avons envoyé, ou en caisse.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="909"/>
        <source>The items are reserved. The customer pays at the till or by the link.</source>
        <translation>Les articles sont réservés. Le client paie en caisse ou par le lien.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="919"/>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="929"/>
        <source>Total %1 (delivery %2)</source>
        <translation>Total %1 (livraison %2)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="938"/>
        <source>Pay with the link we sent to %1, or at the till: show this code (take a photo of it).</source>
        <translation>Payez avec le lien envoyé à %1, ou en caisse : montrez ce code (prenez-le en photo).</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="943"/>
        <source>Done, I have my code</source>
        <translation>Terminé, j’ai mon code</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="943"/>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="948"/>
        <source>by link</source>
        <translation>par lien</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="948"/>
        <source>at the till</source>
        <translation>en caisse</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="950"/>
        <source>Payment link sent to %1: waiting for payment.</source>
        <translation>Lien de paiement envoyé à %1&#xa0;: en attente du paiement.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="951"/>
        <source>Paid %1.</source>
        <translation>Payée %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="952"/>
        <source>Payment link expired.</source>
        <translation>Lien de paiement expiré.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/endless_aisle/ui/screen.py" line="957"/>
        <source>Items reserved until %1.</source>
        <translation>Articles réservés jusqu’à %1.</translation>
    </message>
</context>
<context>
    <name>FirstRunScreen</name>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="60"/>
        <source>This set-up code has expired</source>
        <translation>Ce code de configuration a expiré</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="61"/>
        <source>Set-up codes are valid for a limited time. Ask IT for a new one.</source>
        <translation>Les codes de configuration ont une durée de validité limitée. Demandez-en un nouveau à l’informatique.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="67"/>
        <source>This set-up code is not genuine</source>
        <translation>Ce code de configuration n’est pas authentique</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="68"/>
        <source>It was not signed by your IT department, or it was altered. Do not use it and tell IT.</source>
        <translation>Il n’a pas été signé par votre service informatique, ou il a été modifié. Ne l’utilisez pas et prévenez l’informatique.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="76"/>
        <source>This device&apos;s clock is wrong</source>
        <translation>L’horloge de cet appareil est déréglée</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="77"/>
        <source>The code looks issued in the future. Set the date and time, then scan again.</source>
        <translation>Le code semble émis dans le futur. Réglez la date et l’heure, puis scannez à nouveau.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="84"/>
        <source>This device cannot check set-up codes</source>
        <translation>Cet appareil ne peut pas vérifier les codes de configuration</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="85"/>
        <source>IT&apos;s public key (provisioning.pub) is missing. Reinstall the app package.</source>
        <translation>La clé publique de l’informatique (provisioning.pub) est absente. Réinstallez le paquet de l’appli.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="92"/>
        <source>This device is already set up</source>
        <translation>Cet appareil est déjà configuré</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="93"/>
        <source>To move it to another store, IT must reset it first.</source>
        <translation>Pour le transférer dans un autre magasin, l’informatique doit d’abord le réinitialiser.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="98"/>
        <source>This is not a valid set-up code</source>
        <translation>Ce n’est pas un code de configuration valide</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="99"/>
        <source>Scan the set-up QR code printed by IT (it starts with PRV1).</source>
        <translation>Scannez le QR code de configuration imprimé par l’informatique (il commence par PRV1).</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="107"/>
        <source>The central system refused the enrollment token in this code. Ask IT for a new code.</source>
        <translation>Le système central a refusé le jeton d’enrôlement de ce code. Demandez un nouveau code à l’informatique.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="112"/>
        <source>The settings could not be saved: %1</source>
        <translation>Impossible d’enregistrer les réglages&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="133"/>
        <source>Set up this device</source>
        <translation>Configurer cet appareil</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="137"/>
        <source>This device is not configured yet. Scan the set-up QR code that IT prepared for this store: it configures the store, the mode and the central system, and enrolls the device.</source>
        <translation>Cet appareil n’est pas encore configuré. Scannez le QR code de configuration préparé par l’informatique pour ce magasin&#xa0;: il règle le magasin, le mode et le système central, et enrôle l’appareil.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="145"/>
        <source>How to</source>
        <translation>Marche à suivre</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="147"/>
        <source>1. Get the set-up code for this store from IT (printed or on screen).</source>
        <translation>1. Demandez à l’informatique le code de configuration de ce magasin (imprimé ou à l’écran).</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="148"/>
        <source>2. Scan it with the scanner, or start the camera and show it.</source>
        <translation>2. Scannez-le avec le scanner, ou activez la caméra et présentez-le.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="149"/>
        <source>3. Wait for “Device ready”, then start the app.</source>
        <translation>3. Attendez «&#xa0;Appareil prêt&#xa0;», puis lancez l’appli.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="154"/>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="156"/>
        <source>Set-up status</source>
        <translation>État de la configuration</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="165"/>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="167"/>
        <source>Start the app</source>
        <translation>Lancer l’appli</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="179"/>
        <source>Camera</source>
        <translation>Caméra</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="181"/>
        <source>No scanner? Show the code to the camera.</source>
        <translation>Pas de scanner&#xa0;? Présentez le code à la caméra.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="183"/>
        <source>Start camera</source>
        <translation>Activer la caméra</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="197"/>
        <source>Waiting for the set-up code</source>
        <translation>En attente du code de configuration</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="198"/>
        <source>Scan the code now.</source>
        <translation>Scannez le code maintenant.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="206"/>
        <source>Setting up…</source>
        <translation>Configuration…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="208"/>
        <source>Enrolling this device in store %1 (%2) at %3.</source>
        <translation>Enrôlement de cet appareil dans le magasin %1 (%2) auprès de %3.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="214"/>
        <source>Set-up did not finish</source>
        <translation>La configuration n’a pas abouti</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="215"/>
        <source>The code is genuine, but enrolling failed.</source>
        <translation>Le code est authentique, mais l’enrôlement a échoué.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="220"/>
        <source>Device ready</source>
        <translation>Appareil prêt</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="222"/>
        <source>Store %1, %2 mode, device “%3”. Settings saved in %4.</source>
        <translation>Magasin %1, mode %2, appareil «&#xa0;%3&#xa0;». Réglages enregistrés dans %4.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="230"/>
        <source>Enrolled. The set-up code stays valid until %1: keep it safe.</source>
        <translation>Appareil enrôlé. Le code de configuration reste valable jusqu’au %1&#xa0;: conservez-le en lieu sûr.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="239"/>
        <source>kiosk</source>
        <translation>borne</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="239"/>
        <source>associate</source>
        <translation>vendeur</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="366"/>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="368"/>
        <source>Continue</source>
        <extracomment>True from the moment first run shows on a device without a device token until the token of its enrollment is in use (the staff gate stays aside meanwhile)</extracomment>
        <translation>Continuer</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="391"/>
        <source>Camera preview</source>
        <translation>Aperçu de la caméra</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/first_run/ui/screen.py" line="396"/>
        <source>No camera found</source>
        <translation>Aucune caméra</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../kiosk_app/shell/home.py" line="80"/>
        <source>Scan a barcode</source>
        <translation>Scannez un code</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/home.py" line="83"/>
        <source>Scan a product, a loyalty card, a pickup QR or a receipt — or type the number below. You can also search products by name.</source>
        <translation>Scannez un produit, une carte de fidélité, un QR de retrait ou un ticket — ou saisissez le numéro ci-dessous. Vous pouvez aussi chercher un produit par son nom.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/home.py" line="93"/>
        <source>Barcode, order or product name</source>
        <translation>Code-barres, commande, produit</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/home.py" line="94"/>
        <source>Code or product name</source>
        <translation>Code ou nom de produit</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/home.py" line="98"/>
        <source>Find</source>
        <translation>Chercher</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/home.py" line="98"/>
        <source>Find this code</source>
        <translation>Chercher ce code</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/home.py" line="106"/>
        <source>Products</source>
        <translation>Produits</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/home.py" line="109"/>
        <source>Search results</source>
        <translation>Résultats de recherche</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/home.py" line="120"/>
        <location filename="../../kiosk_app/shell/home.py" line="124"/>
        <source>What would you like to do?</source>
        <translation>Que souhaitez-vous faire&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/home.py" line="131"/>
        <source>Keypad</source>
        <translation>Clavier</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/home.py" line="172"/>
        <source>Scan a product, the code shown in your app or your pickup QR code. You can also search products by name.</source>
        <translation>Scannez un produit, le code affiché dans votre application ou le QR code de votre retrait. Vous pouvez aussi chercher un produit par son nom.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/home.py" line="196"/>
        <source>Collect my order</source>
        <translation>Retirer ma commande</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/home.py" line="197"/>
        <source>Scan the QR code from your confirmation email</source>
        <translation>Scannez le QR code de votre e-mail de confirmation</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/home.py" line="200"/>
        <source>My account</source>
        <translation>Mon compte</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/home.py" line="201"/>
        <source>Your loyalty points, your online cart and your orders</source>
        <translation>Vos points de fidélité, votre panier en ligne et vos commandes</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/home.py" line="204"/>
        <source>Order an item</source>
        <translation>Commander un article</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/home.py" line="205"/>
        <source>Not here in your size or colour? We deliver it</source>
        <translation>Pas en magasin dans votre taille ou votre couleur&#xa0;? On vous le livre</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/home.py" line="210"/>
        <source>Find a customer</source>
        <translation>Trouver un client</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/home.py" line="211"/>
        <source>Loyalty card, name, email or phone: profile, cart, orders</source>
        <translation>Carte de fidélité, nom, e-mail ou téléphone&#xa0;: profil, panier, commandes</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/home.py" line="214"/>
        <source>Hand over a pickup</source>
        <translation>Remettre une commande</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/home.py" line="215"/>
        <source>Click-and-collect orders waiting in this store</source>
        <translation>Commandes click-and-collect qui attendent dans ce magasin</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/home.py" line="218"/>
        <source>Take a return</source>
        <translation>Enregistrer un retour</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/home.py" line="219"/>
        <source>Scan the receipt or type the order number</source>
        <translation>Scannez le ticket ou saisissez le numéro de commande</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/home.py" line="222"/>
        <source>Order for a customer</source>
        <translation>Commander pour un client</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/home.py" line="223"/>
        <source>Not in stock here: order from another store or the warehouse</source>
        <translation>Pas en stock ici&#xa0;: commander dans un autre magasin ou à l’entrepôt</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/home.py" line="226"/>
        <source>Sync status</source>
        <translation>État de la synchro</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/home.py" line="227"/>
        <source>Writes waiting to be sent or needing attention</source>
        <translation>Opérations en attente d’envoi ou à traiter</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/home.py" line="257"/>
        <source>Searching “%1”…</source>
        <translation>Recherche de «&#xa0;%1&#xa0;»…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/home.py" line="264"/>
        <source>No product matches this search.</source>
        <translation>Aucun produit ne correspond à cette recherche.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk_app/shell/home.py" line="274"/>
        <source>%n product(s) found</source>
        <translation>
            <numerusform>%n produit trouvé</numerusform>
            <numerusform>%n produits trouvés</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../../kiosk_app/ui/widgets/idle_overlay.py" line="30"/>
        <source>Still here?</source>
        <translation>Vous êtes toujours là&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/idle_overlay.py" line="34"/>
        <source>For your privacy, this screen will be cleared in</source>
        <translation>Pour protéger vos données, cet écran sera effacé dans</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/idle_overlay.py" line="50"/>
        <source>I&apos;m still here</source>
        <translation>Je suis toujours là</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/idle_overlay.py" line="62"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk_app/ui/widgets/idle_overlay.py" line="63"/>
        <source>%n second(s) left</source>
        <translation>
            <numerusform>Encore %n seconde</numerusform>
            <numerusform>Encore %n secondes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KioskCheckIn</name>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/kiosk.py" line="195"/>
        <source>This QR code has expired. Type your order number and pickup code.</source>
        <translation>Ce QR code a expiré. Saisissez votre numéro de commande et votre code de retrait.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/kiosk.py" line="198"/>
        <source>This kiosk cannot check QR codes right now: it has no connection to our system.</source>
        <translation>Cette borne ne peut pas vérifier les QR codes pour le moment : elle n’est pas connectée à notre système.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/kiosk.py" line="202"/>
        <source>This pickup code does not match the order number. Check your confirmation email.</source>
        <translation>Ce code de retrait ne correspond pas au numéro de commande. Vérifiez votre e-mail de confirmation.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/kiosk.py" line="206"/>
        <source>Type the order number as in your email: W followed by 8 digits.</source>
        <translation>Saisissez le numéro de commande comme dans votre e-mail : W suivi de 8 chiffres.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/kiosk.py" line="209"/>
        <source>Type the 6-digit pickup code from your email.</source>
        <translation>Saisissez le code de retrait à 6 chiffres de votre e-mail.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/kiosk.py" line="212"/>
        <source>This order has already been collected.</source>
        <translation>Cette commande a déjà été retirée.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/kiosk.py" line="215"/>
        <source>Your order is not ready yet: we will email you when it is.</source>
        <translation>Votre commande n’est pas encore prête : nous vous enverrons un e-mail dès qu’elle le sera.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/kiosk.py" line="218"/>
        <source>We found no order to collect here with this number.</source>
        <translation>Aucune commande à retirer ici ne porte ce numéro.</translation>
    </message>
</context>
<context>
    <name>KioskCheckInScreen</name>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/kiosk.py" line="72"/>
        <source>Scan another code</source>
        <translation>Scanner un autre code</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/kiosk.py" line="98"/>
        <source>No QR code? Type the numbers from your email:</source>
        <translation>Pas de QR code ? Saisissez les numéros de votre e-mail :</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/kiosk.py" line="107"/>
        <location filename="../../kiosk_app/flows/pickup/ui/kiosk.py" line="121"/>
        <source>Order number</source>
        <translation>Numéro de commande</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/kiosk.py" line="110"/>
        <source>6 digits</source>
        <translation>6 chiffres</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/kiosk.py" line="111"/>
        <location filename="../../kiosk_app/flows/pickup/ui/kiosk.py" line="122"/>
        <source>Pickup code</source>
        <translation>Code de retrait</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/kiosk.py" line="118"/>
        <source>Check in</source>
        <translation>Signaler mon arrivée</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/kiosk.py" line="155"/>
        <source>Collecting an order?</source>
        <translation>Vous venez retirer une commande&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/kiosk.py" line="158"/>
        <source>Scan the QR code from your order confirmation email under the scanner, or type your order number and pickup code. We will bring your order to the counter.</source>
        <translation>Passez le QR code de votre e-mail de confirmation sous le scanner, ou saisissez votre numéro de commande et votre code de retrait. Nous apporterons votre commande au comptoir.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/kiosk.py" line="165"/>
        <source>One moment…</source>
        <translation>Un instant…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/kiosk.py" line="166"/>
        <source>We are telling the team you are here.</source>
        <translation>Nous prévenons l’équipe de votre arrivée.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/kiosk.py" line="172"/>
        <source>Thank you, %1!</source>
        <translation>Merci, %1&#xa0;!</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/kiosk.py" line="172"/>
        <source>Thank you!</source>
        <translation>Merci&#xa0;!</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/kiosk.py" line="174"/>
        <source>We&apos;re coming, please wait at the counter.</source>
        <translation>Nous arrivons, merci de patienter au comptoir.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/kiosk.py" line="179"/>
        <source>We could not check you in</source>
        <translation>Nous n’avons pas pu enregistrer votre arrivée</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/kiosk.py" line="181"/>
        <source>Please see an associate at the counter.</source>
        <translation>Adressez-vous à un vendeur au comptoir.</translation>
    </message>
</context>
<context>
    <name>KioskSignInDialog</name>
    <message>
        <location filename="../../kiosk_app/shell/kiosk_lockdown.py" line="216"/>
        <location filename="../../kiosk_app/shell/kiosk_lockdown.py" line="223"/>
        <source>Staff sign-in</source>
        <translation>Connexion du personnel</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/kiosk_lockdown.py" line="225"/>
        <source>Kiosk maintenance is for staff: badge or ID, then PIN.</source>
        <translation>La maintenance de la borne est réservée au personnel&#xa0;: badge ou identifiant, puis code PIN.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/kiosk_lockdown.py" line="230"/>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/kiosk_lockdown.py" line="238"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/kiosk_lockdown.py" line="265"/>
        <source>Your role may not open kiosk settings.</source>
        <translation>Votre rôle ne permet pas d’ouvrir les réglages de la borne.</translation>
    </message>
</context>
<context>
    <name>KioskStaffPanel</name>
    <message>
        <location filename="../../kiosk_app/shell/kiosk_lockdown.py" line="182"/>
        <location filename="../../kiosk_app/shell/kiosk_lockdown.py" line="188"/>
        <source>Kiosk maintenance</source>
        <translation>Maintenance de la borne</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/kiosk_lockdown.py" line="192"/>
        <source>Signed in: %1</source>
        <translation>Connecté&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/kiosk_lockdown.py" line="197"/>
        <source>Clear the customer session now</source>
        <translation>Effacer la session client maintenant</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/kiosk_lockdown.py" line="200"/>
        <source>Leave kiosk mode (quit the app)</source>
        <translation>Quitter le mode borne (fermer l’appli)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/kiosk_lockdown.py" line="205"/>
        <source>Close and sign out</source>
        <translation>Fermer et se déconnecter</translation>
    </message>
</context>
<context>
    <name>LineRow</name>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="104"/>
        <source>%1 × %2 · bought %3 · returned %4 · %5</source>
        <extracomment>widest the actions under a receipt get (a narrow screen stacks them above the receipt)</extracomment>
        <translation>%1 × %2 · acheté&#xa0;: %3 · retourné&#xa0;: %4 · %5</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="118"/>
        <source>%n returnable</source>
        <translation>
            <numerusform>Retournable&#xa0;: %n</numerusform>
            <numerusform>Retournables&#xa0;: %n</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="127"/>
        <source>− Remove one</source>
        <translation>− Retirer un</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="127"/>
        <source>Remove one unit</source>
        <translation>Retirer une unité</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="145"/>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="157"/>
        <source>Condition</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="201"/>
        <source>Scanned %1 of %2</source>
        <translation>Scannés&#xa0;: %1 sur %2</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="205"/>
        <source>Scan the item to return it</source>
        <translation>Scannez l’article pour le retourner</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kiosk_app/shell/main_window.py" line="79"/>
        <location filename="../../kiosk_app/shell/main_window.py" line="111"/>
        <location filename="../../kiosk_app/shell/main_window.py" line="113"/>
        <source>Store app</source>
        <extracomment>smallest window: a portrait tablet (768 x 1024) fits, and so does 1024 x 768 landscape under this window width the navigation rail turns compact (portrait tablets) the compact rail&apos;s look (placed on the rail itself, so it wins over the theme&apos;s geometry; colours, the current-screen highlight and the 64 px nav height still come from the theme) the kiosk customer picked another language (&quot;fr&quot; / &quot;en&quot;); the app rebuilds the UI what security put on this window (staff gate or kiosk lockdown, idle timers)
----------
True while the rail shows its narrow form (window under COMPACT_RAIL_BELOW px)</extracomment>
        <translation>Appli magasin</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/main_window.py" line="162"/>
        <source>Scan</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/main_window.py" line="163"/>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/main_window.py" line="189"/>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../kiosk_app/ui/messages.py" line="12"/>
        <source>The central system is not answering in time. Check the network and try again.</source>
        <translation>Le système central ne répond pas à temps. Vérifiez le réseau et réessayez.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/messages.py" line="17"/>
        <source>No connection to the central system. Check the store network and try again.</source>
        <translation>Pas de connexion au système central. Vérifiez le réseau du magasin et réessayez.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/messages.py" line="22"/>
        <source>The central system had a problem. Try again in a moment.</source>
        <translation>Le système central a rencontré un problème. Réessayez dans un instant.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/messages.py" line="26"/>
        <source>This device is not signed in to the central system. Ask IT to enroll it.</source>
        <translation>Cet appareil n’est pas enregistré auprès du système central. Demandez à l’informatique de l’enrôler.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/messages.py" line="30"/>
        <source>This device is not allowed to do that.</source>
        <translation>Cet appareil n’est pas autorisé à faire cela.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/messages.py" line="32"/>
        <source>Not found in the catalogue.</source>
        <translation>Introuvable dans le catalogue.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/messages.py" line="35"/>
        <source>This barcode number is not valid (check digit). Scan it again.</source>
        <translation>Ce code-barres n’est pas valide (clé de contrôle). Scannez-le à nouveau.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/messages.py" line="38"/>
        <source>The central system refused the request: %1</source>
        <translation>Le système central a refusé la demande&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/messages.py" line="42"/>
        <source>The central system sent an answer this app does not understand.</source>
        <translation>Le système central a envoyé une réponse que l’appli ne comprend pas.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/messages.py" line="45"/>
        <source>Something went wrong: %1</source>
        <translation>Un problème est survenu&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <location filename="../../kiosk_app/ui/widgets/notice.py" line="83"/>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/notice.py" line="84"/>
        <source>Dismiss message</source>
        <translation>Fermer le message</translation>
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <location filename="../../kiosk_app/ui/widgets/keypad.py" line="23"/>
        <source>Delete last digit</source>
        <translation>Effacer le dernier chiffre</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/keypad.py" line="28"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/keypad.py" line="28"/>
        <source>Search this code</source>
        <translation>Chercher ce code</translation>
    </message>
</context>
<context>
    <name>OfflinePolicy</name>
    <message>
        <location filename="../../kiosk_app/ui/offline_text.py" line="25"/>
        <source>Offline: only pickups already in this device&apos;s queue can be handed over (QR code, pickup code or ID document). The hand-over is kept on this device and sent to the central system when the network is back.</source>
        <translation>Hors ligne&#xa0;: seuls les retraits déjà dans la file de cet appareil peuvent être remis (QR code, code de retrait ou pièce d’identité). La remise est conservée sur l’appareil et envoyée au système central au retour du réseau.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/offline_text.py" line="31"/>
        <source>Offline: you can go on. This is kept on the device and sent to the central system when the network is back.</source>
        <translation>Hors ligne&#xa0;: vous pouvez continuer. L’opération est conservée sur l’appareil et envoyée au système central au retour du réseau.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/offline_text.py" line="38"/>
        <source>Not available offline: returns need the central system (order and refund quote). Try again when the network is back.</source>
        <translation>Indisponible hors ligne&#xa0;: les retours nécessitent le système central (commande et calcul du remboursement). Réessayez au retour du réseau.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/offline_text.py" line="44"/>
        <source>Not available offline: endless-aisle orders need the central system (stock and delivery options). Try again when the network is back.</source>
        <translation>Indisponible hors ligne&#xa0;: les commandes rayon infini nécessitent le système central (stock et options de livraison). Réessayez au retour du réseau.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/offline_text.py" line="49"/>
        <source>Not available offline: this needs the central system (for example for a refund quote). Try again when the network is back.</source>
        <translation>Indisponible hors ligne&#xa0;: cette action nécessite le système central (par exemple pour calculer un remboursement). Réessayez au retour du réseau.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/offline_text.py" line="54"/>
        <source>Not available offline on this device. Try again when the network is back.</source>
        <translation>Indisponible hors ligne sur cet appareil. Réessayez au retour du réseau.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/offline_text.py" line="62"/>
        <source>No connection to the central system: the return was not recorded and nothing was refunded. Everything you entered is still here: confirm again when the network is back.</source>
        <translation>Pas de connexion au système central&#xa0;: le retour n’a pas été enregistré et rien n’a été remboursé. Tout ce que vous avez saisi est conservé&#xa0;: confirmez à nouveau au retour du réseau.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/offline_text.py" line="69"/>
        <source>No connection to the central system: the order was not placed. The basket is still here: confirm again when the network is back.</source>
        <translation>Pas de connexion au système central&#xa0;: la commande n’a pas été passée. Le panier est conservé&#xa0;: confirmez à nouveau au retour du réseau.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/offline_text.py" line="74"/>
        <source>No connection to the central system: nothing was recorded. Confirm again when the network is back.</source>
        <translation>Pas de connexion au système central&#xa0;: rien n’a été enregistré. Confirmez à nouveau au retour du réseau.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/offline_text.py" line="83"/>
        <source>Saved on this device; it will be sent when the network is back. You can go on with the next customer: the Sync page shows when it has been sent.</source>
        <translation>Enregistré sur cet appareil&#xa0;; ce sera envoyé au retour du réseau. Vous pouvez passer au client suivant&#xa0;: la page Synchro indique quand c’est envoyé.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/offline_text.py" line="93"/>
        <source>Pickups already in this device&apos;s queue: with the customer&apos;s QR code</source>
        <translation>Retraits déjà dans la file de cet appareil&#xa0;: avec le QR code du client</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/offline_text.py" line="96"/>
        <source>Pickups already in this device&apos;s queue: with the pickup code</source>
        <translation>Retraits déjà dans la file de cet appareil&#xa0;: avec le code de retrait</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/offline_text.py" line="99"/>
        <source>Pickups already in this device&apos;s queue: with an ID document</source>
        <translation>Retraits déjà dans la file de cet appareil&#xa0;: avec une pièce d’identité</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/offline_text.py" line="102"/>
        <source>Kiosk check-in with the customer&apos;s QR code</source>
        <translation>Arrivée signalée à la borne avec le QR code du client</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/offline_text.py" line="105"/>
        <source>Returns and refunds</source>
        <translation>Retours et remboursements</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/offline_text.py" line="106"/>
        <source>Endless-aisle orders (stock and delivery options)</source>
        <translation>Commandes rayon infini (stock et options de livraison)</translation>
    </message>
</context>
<context>
    <name>OrderDetailDialog</name>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/order_detail.py" line="34"/>
        <location filename="../../kiosk_app/flows/customer/ui/order_detail.py" line="41"/>
        <source>Order %1</source>
        <translation>Commande %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/order_detail.py" line="77"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/order_detail.py" line="84"/>
        <source>Return items</source>
        <translation>Retourner des articles</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/order_detail.py" line="89"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>Panel</name>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="198"/>
        <source>Retry</source>
        <extracomment>set by a panel whose rows are updated in place (``customer_rows``): it blanks them instead of the layout being cleared</extracomment>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="198"/>
        <source>Retry this panel</source>
        <translation>Recharger ce bloc</translation>
    </message>
</context>
<context>
    <name>PickupFlow</name>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="1053"/>
        <source>Collect an order</source>
        <translation>Retrait</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="1054"/>
        <source>Pickups</source>
        <translation>Retraits</translation>
    </message>
</context>
<context>
    <name>PickupScreen</name>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="233"/>
        <source>Pickups</source>
        <extracomment>the order numbers the last render marked as changed</extracomment>
        <translation>Retraits</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="238"/>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="238"/>
        <source>Refresh the pickup queue</source>
        <translation>Actualiser la file des retraits</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="246"/>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="251"/>
        <source>Find a pickup</source>
        <translation>Chercher un retrait</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="251"/>
        <source>Find</source>
        <translation>Chercher</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="258"/>
        <source>Customers waiting come first, then the oldest promised. Scan a pickup QR or type a pickup code to open an order.</source>
        <translation>Les clients en attente passent en premier, puis les commandes promises les plus anciennes. Scannez un QR de retrait ou saisissez un code de retrait pour ouvrir une commande.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="291"/>
        <source>‹ Pickups</source>
        <translation>‹ Retraits</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="291"/>
        <source>Back to the pickup queue</source>
        <translation>Retour à la file des retraits</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="312"/>
        <source>1  Verify</source>
        <translation>1  Vérifier</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="313"/>
        <source>2  Items</source>
        <translation>2  Articles</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="314"/>
        <source>3  Hand-over</source>
        <translation>3  Remise</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="315"/>
        <source>4  Done</source>
        <translation>4  Terminé</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="348"/>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="979"/>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="987"/>
        <source>Next pickup</source>
        <translation>Retrait suivant</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="376"/>
        <source>Pickup code or QR code</source>
        <translation>Code de retrait ou QR code</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="379"/>
        <source>6-digit code</source>
        <translation>Code à 6 chiffres</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="380"/>
        <source>Customer&apos;s pickup code</source>
        <translation>Code de retrait du client</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="387"/>
        <source>Or scan the QR code on the customer&apos;s phone.</source>
        <translation>Ou scannez le QR code sur le téléphone du client.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="393"/>
        <source>Identity document checked</source>
        <translation>Pièce d’identité vérifiée</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="395"/>
        <source>Check the name on the document, then tap it:</source>
        <translation>Vérifiez le nom sur la pièce, puis choisissez-la&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="406"/>
        <source>Someone else collects</source>
        <translation>Retrait par un tiers</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="410"/>
        <source>Name on their ID document</source>
        <translation>Nom sur sa pièce d’identité</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="411"/>
        <source>Name of the person collecting</source>
        <translation>Nom de la personne qui retire</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="434"/>
        <source>Scan each item</source>
        <translation>Scannez chaque article</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="457"/>
        <source>Type an item barcode if it will not scan</source>
        <translation>Saisissez le code-barres si le scan échoue</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="458"/>
        <source>Item barcode</source>
        <translation>Code-barres de l’article</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="463"/>
        <source>Check item</source>
        <translation>Vérifier l’article</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="466"/>
        <source>Continue to hand-over ›</source>
        <translation>Passer à la remise ›</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="481"/>
        <source>Hand-over summary</source>
        <translation>Récapitulatif de la remise</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="486"/>
        <source>Customer signature (optional)</source>
        <translation>Signature du client (facultative)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="489"/>
        <source>Clear signature</source>
        <translation>Effacer la signature</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="495"/>
        <source>‹ Back to items</source>
        <translation>‹ Retour aux articles</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="499"/>
        <source>Hand over and complete</source>
        <translation>Remettre et terminer</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="539"/>
        <source>Refreshing…</source>
        <translation>Actualisation…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="544"/>
        <source>Could not refresh the queue: %1</source>
        <translation>Impossible d’actualiser la file&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="548"/>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="560"/>
        <source>No pickup matches “%1”.</source>
        <translation>Aucun retrait ne correspond à «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="562"/>
        <source>No pickup orders waiting in this store.</source>
        <translation>Aucune commande à retirer dans ce magasin.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="935"/>
        <source>Handing over %1 of %n item(s) (partial collection).</source>
        <translation>
            <numerusform>Remise partielle&#xa0;: %1 sur %n article.</numerusform>
            <numerusform>Remise partielle&#xa0;: %1 sur %n articles.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="937"/>
        <source>Handing over all %1 of %n item(s).</source>
        <translation>
            <numerusform>Remise complète&#xa0;: l’article commandé.</numerusform>
            <numerusform>Remise complète&#xa0;: les %n articles.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="973"/>
        <source>%n item(s) handed over</source>
        <translation>
            <numerusform>%n article remis</numerusform>
            <numerusform>%n articles remis</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="700"/>
        <source>Order %1</source>
        <translation>Commande %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="703"/>
        <source>collected by %1</source>
        <translation>retirée par %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="719"/>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="964"/>
        <source>Opening %1…</source>
        <translation>Ouverture de %1…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="785"/>
        <source>Named on the order: %1</source>
        <translation>Personne désignée sur la commande&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="794"/>
        <source>%1 / %2 checked</source>
        <translation>%1 / %2 vérifiés</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="814"/>
        <source>SKU %1 · GTIN %2</source>
        <translation>Réf. %1 · GTIN %2</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="829"/>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="836"/>
        <source>%1 of %2 scanned</source>
        <translation>Scannés&#xa0;: %1 sur %2</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="848"/>
        <source>Missing</source>
        <translation>Manquant</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="848"/>
        <source>Mark %1 missing</source>
        <translation>Marquer comme manquant&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="852"/>
        <source>Damaged</source>
        <translation>Abîmé</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="852"/>
        <source>Mark %1 damaged</source>
        <translation>Marquer comme abîmé&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="859"/>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="859"/>
        <source>Start %1 again</source>
        <translation>Recommencer&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="892"/>
        <source>Not found on the shelf</source>
        <translation>Introuvable en rayon</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="893"/>
        <source>Sold out in store</source>
        <translation>Épuisé en magasin</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="894"/>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="895"/>
        <source>Damaged packaging</source>
        <translation>Emballage abîmé</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="896"/>
        <source>Defective</source>
        <translation>Défectueux</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="897"/>
        <source>Stained or torn</source>
        <translation>Taché ou déchiré</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="872"/>
        <source>Why is it missing?</source>
        <translation>Pourquoi manque-t-il&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="245"/>
        <source>Order no., pickup code or name</source>
        <translation>N° de commande, code ou nom</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="571"/>
        <source>%n order(s) · %1 waiting · updated %2</source>
        <translation>
            <numerusform>%n commande · %1 en attente · mise à jour à %2</numerusform>
            <numerusform>%n commandes · %1 en attente · mise à jour à %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="704"/>
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="821"/>
        <source>%n missing</source>
        <translation>
            <numerusform>%n manquant</numerusform>
            <numerusform>%n manquants</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="823"/>
        <source>%n damaged</source>
        <translation>
            <numerusform>%n abîmé</numerusform>
            <numerusform>%n abîmés</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="872"/>
        <source>What is damaged?</source>
        <translation>Qu’est-ce qui est abîmé&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="915"/>
        <source>✓ %1 × %2</source>
        <translation>✓ %1 × %2</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="922"/>
        <source>missing</source>
        <translation>manquant</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="922"/>
        <source>damaged</source>
        <translation>abîmé</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="925"/>
        <source>✗ %1 × %2 — %3: %4</source>
        <translation>✗ %1 × %2 — %3&#xa0;: %4</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="949"/>
        <source>Identity: %1</source>
        <translation>Identité&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="959"/>
        <source>Back to pickups</source>
        <translation>Retour aux retraits</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="970"/>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="985"/>
        <source>Order %1 handed over</source>
        <translation>Commande %1 remise</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="975"/>
        <source>%1 missing, %2 damaged</source>
        <translation>%1 manquant(s), %2 abîmé(s)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="995"/>
        <source>Central system: %1</source>
        <translation>Système central&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>Pickups</name>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="13"/>
        <source>Being prepared</source>
        <translation>En préparation</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="14"/>
        <source>Ready</source>
        <translation>Prête</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="15"/>
        <source>Customer waiting</source>
        <translation>Client en attente</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="16"/>
        <source>Collected</source>
        <translation>Retirée</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="17"/>
        <source>Partially collected</source>
        <translation>Retirée en partie</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="18"/>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="19"/>
        <source>Expired</source>
        <translation>Expirée</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="26"/>
        <source>Late: promised time passed, not ready</source>
        <translation>En retard&#xa0;: heure promise dépassée, pas prête</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="29"/>
        <source>Waiting for more than 10 minutes</source>
        <translation>En attente depuis plus de 10 minutes</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="30"/>
        <source>Goes back to stock soon</source>
        <translation>Bientôt remise en stock</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="37"/>
        <source>Pickup code</source>
        <translation>Code de retrait</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="38"/>
        <source>QR code from the email</source>
        <translation>QR code de l’e-mail</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="39"/>
        <source>ID document</source>
        <translation>Pièce d’identité</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="40"/>
        <source>Person named on the order</source>
        <translation>Personne désignée sur la commande</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="50"/>
        <source>Accepted: %1.</source>
        <translation>Acceptés&#xa0;: %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="54"/>
        <source>Ask for: %1.</source>
        <translation>Demandez&#xa0;: %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="58"/>
        <source>Ask for: %1. Also accepted: %2.</source>
        <translation>Demandez&#xa0;: %1. Aussi acceptés&#xa0;: %2.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="66"/>
        <source>ID card</source>
        <translation>Carte d’identité</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="67"/>
        <source>Passport</source>
        <translation>Passeport</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="68"/>
        <source>Driving licence</source>
        <translation>Permis de conduire</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="69"/>
        <source>Residence permit</source>
        <translation>Titre de séjour</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="79"/>
        <source>This QR code has expired. Ask the customer for their pickup code.</source>
        <translation>Ce QR code a expiré. Demandez au client son code de retrait.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="83"/>
        <source>This QR code was not issued by us (or was altered). It cannot be used.</source>
        <translation>Ce QR code ne vient pas de chez nous (ou a été modifié). Il est inutilisable.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="87"/>
        <source>This is not a pickup QR code.</source>
        <translation>Ce n’est pas un QR code de retrait.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="89"/>
        <source>This QR code is dated in the future: check the device&apos;s clock.</source>
        <translation>Ce QR code est daté dans le futur&#xa0;: vérifiez l’horloge de l’appareil.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="93"/>
        <source>QR codes cannot be checked yet (no connection since start). Use the pickup code.</source>
        <translation>Les QR codes ne peuvent pas encore être vérifiés (aucune connexion depuis le démarrage). Utilisez le code de retrait.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="99"/>
        <source>Order %1 is to be collected at another store (%2), not here.</source>
        <translation>La commande %1 est à retirer dans un autre magasin (%2), pas ici.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="106"/>
        <source>This QR code is for another order (%1).</source>
        <translation>Ce QR code correspond à une autre commande (%1).</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="110"/>
        <source>Wrong pickup code. Nothing was changed; ask the customer to check their email.</source>
        <translation>Code de retrait erroné. Rien n’a été modifié&#xa0;; demandez au client de vérifier son e-mail.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="115"/>
        <source>No pickup order matches %1.</source>
        <translation>Aucune commande à retirer ne correspond à %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="119"/>
        <source>%1 is not a pickup QR, pickup code or order number.</source>
        <translation>%1 n’est ni un QR de retrait, ni un code de retrait, ni un numéro de commande.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="123"/>
        <source>This order is to be collected at another store: %1</source>
        <translation>Cette commande est à retirer dans un autre magasin&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="127"/>
        <source>Order %1 was just handed over on another device. Stop here: give nothing more and tell the customer it has been collected.</source>
        <translation>La commande %1 vient d’être remise sur un autre appareil. Arrêtez ici : ne remettez rien de plus et dites au client qu’elle a été retirée.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="133"/>
        <source>Order %1 was just cancelled. Stop here: give nothing and send the customer to customer service.</source>
        <translation>La commande %1 vient d’être annulée. Arrêtez ici : ne remettez rien et orientez le client vers le service client.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="139"/>
        <source>Order %1 has just expired and can no longer be collected. Stop here: give nothing and send the customer to customer service.</source>
        <translation>La commande %1 vient d’expirer et ne peut plus être retirée. Arrêtez ici : ne remettez rien et orientez le client vers le service client.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="145"/>
        <source>Already collected: this order was handed over on another device. Do not hand anything over.</source>
        <translation>Déjà retirée&#xa0;: cette commande a été remise sur un autre appareil. Ne remettez rien.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="151"/>
        <source>This order has expired and can no longer be collected. Nothing was changed.</source>
        <translation>Cette commande a expiré et ne peut plus être retirée. Rien n’a été modifié.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="155"/>
        <source>This order was cancelled and cannot be collected.</source>
        <translation>Cette commande a été annulée et ne peut pas être retirée.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="159"/>
        <source>This order is still being prepared. It cannot be handed over yet.</source>
        <translation>Cette commande est encore en préparation. Elle ne peut pas encore être remise.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="163"/>
        <source>This order needs another check: %1</source>
        <translation>Cette commande demande une autre vérification&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="167"/>
        <source>This order needs another identity check.</source>
        <translation>Cette commande demande une autre vérification d’identité.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="169"/>
        <source>Choose the identity document you checked.</source>
        <translation>Choisissez la pièce d’identité vérifiée.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="171"/>
        <source>The name does not match the person named on the order.</source>
        <translation>Le nom ne correspond pas à la personne désignée sur la commande.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="175"/>
        <source>Pickup code checked.</source>
        <translation>Code de retrait vérifié.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="177"/>
        <source>QR code checked.</source>
        <translation>QR code vérifié.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="179"/>
        <source>Identity document checked.</source>
        <translation>Pièce d’identité vérifiée.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="181"/>
        <source>Person named on the order, identity checked.</source>
        <translation>Personne désignée sur la commande, identité vérifiée.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="183"/>
        <source>%1 is not an item barcode. Scan the item&apos;s label.</source>
        <translation>%1 n’est pas un code-barres d’article. Scannez l’étiquette de l’article.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="187"/>
        <source>Wrong item: %1 is not in this order. Nothing was counted.</source>
        <translation>Mauvais article&#xa0;: %1 ne fait pas partie de cette commande. Rien n’a été compté.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="191"/>
        <source>All units of %1 are already checked.</source>
        <translation>Toutes les unités sont déjà vérifiées&#xa0;: %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="196"/>
        <source>%1 checked. %2 left on this line.</source>
        <translation>%1 vérifié. Reste sur cette ligne&#xa0;: %2.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="201"/>
        <source>All items checked. Continue to the hand-over.</source>
        <translation>Tous les articles sont vérifiés. Passez à la remise.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="205"/>
        <source>Choose a reason.</source>
        <translation>Choisissez un motif.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="207"/>
        <source>Nothing left to mark on %1.</source>
        <translation>Plus rien à signaler sur %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="212"/>
        <source>%2 × %1 marked missing.</source>
        <translation>%2 × %1&#xa0;: marqué comme manquant.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="218"/>
        <source>%2 × %1 marked damaged.</source>
        <translation>%2 × %1&#xa0;: marqué comme abîmé.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="223"/>
        <source>Some items are neither scanned nor marked missing or damaged.</source>
        <translation>Certains articles ne sont ni scannés, ni marqués manquants ou abîmés.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="227"/>
        <source>Nothing to hand over: at least one item must be scanned.</source>
        <translation>Rien à remettre&#xa0;: au moins un article doit être scanné.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="231"/>
        <source>Saved on this device; sending to the central system…</source>
        <translation>Enregistré sur cet appareil&#xa0;; envoi au système central…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="237"/>
        <source>Handed over. The order is collected.</source>
        <translation>Remise effectuée. La commande est retirée.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="239"/>
        <source>Handed over in part. Missing and damaged items are recorded.</source>
        <translation>Remise partielle effectuée. Les articles manquants et abîmés sont enregistrés.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="243"/>
        <source>This device cannot record changes (no local storage).</source>
        <translation>Cet appareil ne peut pas enregistrer de modifications (pas de stockage local).</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="247"/>
        <source>The central system refused the QR code for this order.</source>
        <translation>Le système central a refusé le QR code de cette commande.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="251"/>
        <source>No connection to the central system. Check the network and try again.</source>
        <translation>Pas de connexion au système central. Vérifiez le réseau et réessayez.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="255"/>
        <source>No connection to the central system, and %1 is not among the pickups this device keeps for offline use (its queue as of the last refresh). Try again when the network is back.</source>
        <translation>Pas de connexion au système central, et %1 ne fait pas partie des retraits que cet appareil garde pour travailler hors ligne (sa file lors de la dernière mise à jour). Réessayez au retour du réseau.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="262"/>
        <source>Order %1 was already handed over on this device; it waits to be sent (Sync page).</source>
        <translation>La commande %1 a déjà été remise sur cet appareil&#xa0;; la remise attend d’être envoyée (page Synchro).</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="267"/>
        <source>The team could not be told you are here: the network is down.</source>
        <translation>L’équipe n’a pas pu être prévenue de votre arrivée&#xa0;: le réseau est coupé.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="271"/>
        <source>Please scan the QR code from your confirmation email.</source>
        <translation>Veuillez scanner le QR code de votre e-mail de confirmation.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/texts.py" line="275"/>
        <source>The central system refused: %1</source>
        <translation>Refus du système central&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>ProductImage</name>
    <message>
        <location filename="../../kiosk_app/ui/widgets/product_image.py" line="64"/>
        <source>Picture of %1</source>
        <translation>Image de %1</translation>
    </message>
</context>
<context>
    <name>ProductScreen</name>
    <message>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="63"/>
        <source>‹ New scan</source>
        <translation>‹ Nouveau scan</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="63"/>
        <source>Back to scanning</source>
        <translation>Retour au scan</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="112"/>
        <source>Order this for the customer</source>
        <translation>Commander pour le client</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="112"/>
        <source>Order this</source>
        <translation>Commander</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="114"/>
        <source>Order this product from another store or the warehouse</source>
        <translation>Commander ce produit dans un autre magasin ou à l’entrepôt</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="125"/>
        <source>Other colours and sizes</source>
        <translation>Autres couleurs et tailles</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="134"/>
        <source>Warehouse (home delivery or to this store)</source>
        <translation>Entrepôt (livraison à domicile ou en magasin)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="141"/>
        <source>In this store</source>
        <translation>Dans ce magasin</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="151"/>
        <source>Available in other stores, nearest first</source>
        <translation>Disponible dans d’autres magasins, du plus proche au plus loin</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="165"/>
        <source>Goes well with</source>
        <translation>Se marie bien avec</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="189"/>
        <source>Looking up %1…</source>
        <translation>Recherche de %1…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="201"/>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="245"/>
        <source>Suggestion: %1, %2 in this store</source>
        <translation>Suggestion&#xa0;: %1, %2 dans ce magasin</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="272"/>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="289"/>
        <source>Size %1</source>
        <translation>Taille %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="294"/>
        <source>SKU %1 · GTIN %2 · %3</source>
        <translation>Réf. %1 · GTIN %2 · %3</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="304"/>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="328"/>
        <source>Out of stock here</source>
        <translation>En rupture ici</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="306"/>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="330"/>
        <source>Last units</source>
        <translation>Dernières pièces</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="308"/>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="332"/>
        <source>In stock</source>
        <translation>En stock</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="352"/>
        <source>Show the nearest stores only</source>
        <translation>Afficher seulement les magasins les plus proches</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="354"/>
        <source>Show all stores (%1)</source>
        <translation>Afficher tous les magasins (%1)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="384"/>
        <source>Colour %1</source>
        <translation>Couleur %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="235"/>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="397"/>
        <source>%1 here</source>
        <translation>%1 ici</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="237"/>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="399"/>
        <source>none here</source>
        <translation>aucun ici</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="408"/>
        <source>Size %1, %2 in this store</source>
        <translation>Taille %1, %2 dans ce magasin</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="425"/>
        <source>No other location carries it.</source>
        <translation>Aucun autre site ne l’a en stock.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="435"/>
        <source>%1 km</source>
        <translation>%1 km</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/product/ui/screen.py" line="448"/>
        <source>%1, %2 km, %3 available</source>
        <translation>%1, %2 km, %3 disponibles</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <location filename="../../kiosk_app/ui/qt_strings.py" line="17"/>
        <source>Drive</source>
        <translation>Lecteur</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/qt_strings.py" line="18"/>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/qt_strings.py" line="26"/>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>Dossier</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/qt_strings.py" line="27"/>
        <source>Shortcut</source>
        <comment>All other platforms</comment>
        <translation>Raccourci</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../kiosk_app/ui/qt_strings.py" line="15"/>
        <source>&amp;Look in:</source>
        <translation>Regarder &amp;dans&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/qt_strings.py" line="16"/>
        <source>Files of &amp;type:</source>
        <translation>&amp;Type de fichier&#xa0;:</translation>
    </message>
</context>
<context>
    <name>QueueRow</name>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="119"/>
        <source>%1 · %n item(s)</source>
        <extracomment>under this screen width a hand-over step stacks its two cards (portrait tablets; 1024 x 768 keeps them side by side). Queue rows stack under the common 980 px (see responsive.py).</extracomment>
        <translation>
            <numerusform>%1 · %n article</numerusform>
            <numerusform>%1 · %n articles</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="127"/>
        <source>Arrived %1</source>
        <translation>Arrivée&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="129"/>
        <source>Promised %1</source>
        <translation>Prévue&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="140"/>
        <source>%1, order %2, %3</source>
        <translation>%1, commande %2, %3</translation>
    </message>
</context>
<context>
    <name>ReturnReceipt</name>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/receipt_pdf.py" line="34"/>
        <source>Shipping refunded</source>
        <translation>Frais de port remboursés</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/receipt_pdf.py" line="35"/>
        <source>RETURN RECEIPT</source>
        <translation>TICKET DE RETOUR</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/receipt_pdf.py" line="36"/>
        <source>Return</source>
        <translation>Retour</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/receipt_pdf.py" line="37"/>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/receipt_pdf.py" line="38"/>
        <source>Total refunded</source>
        <translation>Total remboursé</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/receipt_pdf.py" line="39"/>
        <source>Keep this receipt.</source>
        <translation>Conservez ce ticket.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/receipt_pdf.py" line="66"/>
        <source>Approved by manager %1 (%2)</source>
        <translation>Validé par le responsable %1 (%2)</translation>
    </message>
</context>
<context>
    <name>ReturnScreen</name>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="250"/>
        <source>Returns</source>
        <translation>Retours</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="252"/>
        <source>Order or receipt number, or scan</source>
        <translation>N° de commande ou de ticket</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="253"/>
        <source>Order or receipt number</source>
        <translation>N° de commande ou de ticket</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="256"/>
        <source>Find</source>
        <translation>Chercher</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="269"/>
        <source>Scan the receipt or the order QR code, or type the order number (W… for online orders, R-… for store receipts).</source>
        <translation>Scannez le ticket ou le QR code de la commande, ou saisissez le numéro de commande (W… pour les commandes en ligne, R-… pour les tickets de caisse).</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="307"/>
        <source>Refund</source>
        <translation>Remboursement</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="319"/>
        <source>Original payment</source>
        <translation>Paiement d’origine</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="320"/>
        <source>Store credit</source>
        <translation>Avoir</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="347"/>
        <source>Manager approval…</source>
        <translation>Accord du responsable…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="353"/>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="616"/>
        <source>Confirm return</source>
        <translation>Valider le retour</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="358"/>
        <source>Next customer</source>
        <translation>Client suivant</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="390"/>
        <source>Return recorded</source>
        <translation>Retour enregistré</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="394"/>
        <source>Save receipt as PDF</source>
        <translation>Enregistrer le ticket en PDF</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="397"/>
        <source>New return</source>
        <translation>Nouveau retour</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="474"/>
        <source>Looking up order %1…</source>
        <translation>Recherche de la commande %1…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="478"/>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="484"/>
        <source>Sending the return to the central system…</source>
        <translation>Envoi du retour au système central…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="516"/>
        <source>Order %1</source>
        <translation>Commande %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="520"/>
        <source>Delivered %n day(s) ago</source>
        <translation>
            <numerusform>Livrée il y a %n jour</numerusform>
            <numerusform>Livrée il y a %n jours</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="522"/>
        <source>Not delivered</source>
        <translation>Non livrée</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="525"/>
        <source>within the %1-day return period</source>
        <translation>dans le délai de retour de %1 jours</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="527"/>
        <source>outside the %1-day return period</source>
        <translation>hors du délai de retour de %1 jours</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="534"/>
        <source>Paid %1: %2</source>
        <translation>Payée %1&#xa0;: %2</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="538"/>
        <source>Order discount %1 (%2), shared over the items by value</source>
        <translation>Remise sur la commande %1 (%2), répartie sur les articles au prorata</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="544"/>
        <source>Shipping %1: refunded only if the whole order comes back</source>
        <translation>Frais de port %1&#xa0;: remboursés seulement si toute la commande est retournée</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="573"/>
        <source>incl. discount share</source>
        <translation>dont part de remise</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="580"/>
        <source>Shipping</source>
        <translation>Frais de port</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="586"/>
        <source>to %1 %2</source>
        <translation>sur %1 %2</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="596"/>
        <source>Approved by %1 (%2)</source>
        <translation>Validé par %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="603"/>
        <source>Manager approval needed: %1</source>
        <translation>Accord du responsable requis&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="614"/>
        <source>Confirm return · %1</source>
        <translation>Valider le retour · %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="620"/>
        <source>Sending…</source>
        <translation>Envoi en cours…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="632"/>
        <source>Return %1: %2 refunded. Give the customer the receipt.</source>
        <translation>Retour %1&#xa0;: %2 remboursés. Remettez le ticket au client.</translation>
    </message>
</context>
<context>
    <name>Returns</name>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="15"/>
        <source>Wrong size</source>
        <translation>Mauvaise taille</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="16"/>
        <source>Not as described</source>
        <translation>Non conforme à la description</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="17"/>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="29"/>
        <source>Defective</source>
        <translation>Défectueux</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="18"/>
        <source>Wrong item sent</source>
        <translation>Mauvais article envoyé</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="19"/>
        <source>Changed mind</source>
        <translation>Changement d’avis</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="20"/>
        <source>Arrived too late</source>
        <translation>Livré trop tard</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="27"/>
        <source>As new</source>
        <translation>Comme neuf</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="28"/>
        <source>Damaged</source>
        <translation>Abîmé</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="36"/>
        <source>Back to stock</source>
        <translation>Remise en stock</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="37"/>
        <source>Written off (damaged)</source>
        <translation>Mise au rebut (abîmé)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="38"/>
        <source>Return to vendor</source>
        <translation>Retour fournisseur</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="45"/>
        <source>Not delivered yet</source>
        <translation>Pas encore livré</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="46"/>
        <source>Final sale: not returnable</source>
        <translation>Vente définitive&#xa0;: non repris</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="47"/>
        <source>Hygiene product: not returnable</source>
        <translation>Produit d’hygiène&#xa0;: non repris</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="48"/>
        <source>Return period is over</source>
        <translation>Délai de retour dépassé</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="49"/>
        <source>Already returned</source>
        <translation>Déjà retourné</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="56"/>
        <source>delivered more than 30 days ago</source>
        <translation>livrée il y a plus de 30 jours</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="57"/>
        <source>refund above the limit</source>
        <translation>remboursement au-dessus du plafond</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="64"/>
        <source>Card</source>
        <translation>Carte</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="65"/>
        <source>Gift card</source>
        <translation>Carte cadeau</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="66"/>
        <source>Store credit</source>
        <translation>Avoir</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="73"/>
        <source>Scan each item the customer brings back.</source>
        <translation>Scannez chaque article rapporté par le client.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="75"/>
        <source>Choose a reason for every item.</source>
        <translation>Choisissez un motif pour chaque article.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="76"/>
        <source>A manager must approve this return.</source>
        <translation>Un responsable doit valider ce retour.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="82"/>
        <source>Matched: %1</source>
        <translation>Article reconnu&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="84"/>
        <source>This item (%1) is not in this order. Do not take it back.</source>
        <translation>Cet article (%1) ne fait pas partie de cette commande. Ne le reprenez pas.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="89"/>
        <source>%1 cannot be returned: %2</source>
        <translation>%1 ne peut pas être retourné&#xa0;: %2</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="94"/>
        <source>Every returnable unit of %1 is already scanned.</source>
        <translation>Toutes les unités retournables sont déjà scannées&#xa0;: %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="98"/>
        <source>Not a product barcode (%1). Scan the item&apos;s label.</source>
        <translation>Ce n’est pas un code-barres produit (%1). Scannez l’étiquette de l’article.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="101"/>
        <source>Find the order first.</source>
        <translation>Cherchez d’abord la commande.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="108"/>
        <source>These items were already returned (perhaps at another till). Nothing was refunded.</source>
        <translation>Ces articles ont déjà été retournés (peut-être à une autre caisse). Rien n’a été remboursé.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="112"/>
        <source>An item of this return is not returnable. Nothing was refunded.</source>
        <translation>Un article de ce retour n’est pas repris. Rien n’a été remboursé.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="115"/>
        <source>A manager must approve this return. Nothing was refunded.</source>
        <translation>Un responsable doit valider ce retour. Rien n’a été remboursé.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="118"/>
        <source>The manager approval has expired. Ask again. Nothing was refunded.</source>
        <translation>L’accord du responsable a expiré. Redemandez-le. Rien n’a été remboursé.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="121"/>
        <source>The refund amount changed meanwhile. Check the new amount and confirm again.</source>
        <translation>Le montant du remboursement a changé entre-temps. Vérifiez le nouveau montant et validez à nouveau.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="125"/>
        <source>Only an item as new can go back to stock.</source>
        <translation>Seul un article comme neuf peut être remis en stock.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="128"/>
        <source>The order was not found.</source>
        <translation>Commande introuvable.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="129"/>
        <source>This device may not record returns.</source>
        <translation>Cet appareil n’est pas autorisé à enregistrer des retours.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/texts.py" line="133"/>
        <source>The central system refused the return: %1</source>
        <translation>Le système central a refusé le retour&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="791"/>
        <source>Manager ID or PIN not recognised. Try again.</source>
        <translation>Identifiant ou code PIN du responsable non reconnu. Réessayez.</translation>
    </message>
</context>
<context>
    <name>ReturnsFlow</name>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="688"/>
        <source>Returns</source>
        <translation>Retours</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="779"/>
        <source>Saved: %1</source>
        <translation>Enregistré&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>ScanText</name>
    <message>
        <location filename="../../kiosk_app/shell/scan_text.py" line="15"/>
        <source>“%1” looks like a barcode but its check digit is wrong. Scan again.</source>
        <translation>«&#xa0;%1&#xa0;» ressemble à un code-barres mais sa clé de contrôle est fausse. Scannez à nouveau.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/scan_text.py" line="19"/>
        <source>Nothing was read. Scan again.</source>
        <translation>Rien n’a été lu. Scannez à nouveau.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/scan_text.py" line="21"/>
        <source>Code not recognised: “%1”. It is not a product, loyalty, order or receipt code.</source>
        <translation>Code non reconnu&#xa0;: «&#xa0;%1&#xa0;». Ce n’est ni un produit, ni une carte de fidélité, ni une commande, ni un ticket.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/scan_text.py" line="27"/>
        <source>Loyalty code read (%1). Customer accounts cannot be opened on this device.</source>
        <translation>Code fidélité lu (%1). Les comptes clients ne peuvent pas être ouverts sur cet appareil.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/scan_text.py" line="31"/>
        <source>Pickup code read (%1). Pickups cannot be handled on this device.</source>
        <translation>Code de retrait lu (%1). Les retraits ne peuvent pas être traités sur cet appareil.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/scan_text.py" line="34"/>
        <source>Order number read (%1). Please ask at the counter: orders are handled there.</source>
        <translation>Numéro de commande lu (%1). Adressez-vous à l’accueil : les commandes y sont traitées.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/shell/scan_text.py" line="38"/>
        <source>Receipt read (%1). Please ask at the counter: returns are handled there.</source>
        <translation>Ticket lu (%1). Adressez-vous à l’accueil : les retours y sont traités.</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <location filename="../../kiosk_app/ui/staff_credentials.py" line="22"/>
        <source>Badge, staff ID or PIN not recognised. Try again.</source>
        <translation>Badge, identifiant ou code PIN non reconnu. Réessayez.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/staff_credentials.py" line="26"/>
        <source>Too many wrong PINs: this person is locked for 15 minutes. Ask a manager.</source>
        <translation>Trop de codes PIN erronés : cette personne est bloquée pendant 15 minutes. Appelez un responsable.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/staff_credentials.py" line="30"/>
        <source>This person works in another store and cannot sign in here.</source>
        <translation>Cette personne travaille dans un autre magasin et ne peut pas se connecter ici.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/staff_credentials.py" line="34"/>
        <source>An approval needs another person: ask a manager to scan their badge.</source>
        <translation>La validation doit venir d’une autre personne : demandez à un responsable de scanner son badge.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/staff_credentials.py" line="38"/>
        <source>Your role may not do this.</source>
        <translation>Votre rôle ne permet pas cette action.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/staff_credentials.py" line="40"/>
        <source>The central system cannot be reached: staff sign-in needs the network.</source>
        <translation>Le système central est injoignable : la connexion du personnel nécessite le réseau.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/staff_credentials.py" line="43"/>
        <source>Sign-in failed. Try again.</source>
        <translation>Échec de la connexion. Réessayez.</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <location filename="../../kiosk_app/flows/sign_in/ui/screen.py" line="68"/>
        <location filename="../../kiosk_app/flows/sign_in/ui/screen.py" line="100"/>
        <source>Staff sign-in</source>
        <translation>Connexion du personnel</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sign_in/ui/screen.py" line="71"/>
        <location filename="../../kiosk_app/flows/sign_in/ui/screen.py" line="109"/>
        <source>Scan your staff badge, or type your staff ID, then enter your PIN.</source>
        <translation>Scannez votre badge ou saisissez votre identifiant, puis votre code PIN.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sign_in/ui/screen.py" line="77"/>
        <location filename="../../kiosk_app/flows/sign_in/ui/screen.py" line="113"/>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sign_in/ui/screen.py" line="81"/>
        <source>Switch user</source>
        <translation>Changer d’utilisateur</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sign_in/ui/screen.py" line="102"/>
        <source>Your session ended. Scan your badge or type your staff ID, then PIN.</source>
        <translation>Votre session est terminée. Scannez votre badge ou saisissez votre identifiant, puis votre code PIN.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sign_in/ui/screen.py" line="117"/>
        <source>Locked</source>
        <translation>Écran verrouillé</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sign_in/ui/screen.py" line="118"/>
        <source>%1, enter your PIN to continue.</source>
        <translation>%1, saisissez votre code PIN pour continuer.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sign_in/ui/screen.py" line="121"/>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sign_in/ui/screen.py" line="105"/>
        <source>This device is set up. Scan your staff badge, or type your staff ID, then enter your PIN.</source>
        <translation>Cet appareil est configuré. Scannez votre badge ou saisissez votre identifiant, puis votre code PIN.</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <location filename="../../kiosk_app/ui/widgets/signature_pad.py" line="24"/>
        <source>Signature area: the customer signs here</source>
        <translation>Zone de signature&#xa0;: le client signe ici</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/signature_pad.py" line="96"/>
        <source>Sign here with your finger</source>
        <translation>Signez ici avec votre doigt</translation>
    </message>
</context>
<context>
    <name>Skeleton</name>
    <message>
        <location filename="../../kiosk_app/ui/widgets/skeleton.py" line="30"/>
        <source>Loading</source>
        <translation>Chargement</translation>
    </message>
</context>
<context>
    <name>StaffApprovalDialog</name>
    <message>
        <location filename="../../kiosk_app/ui/approval_dialog.py" line="42"/>
        <location filename="../../kiosk_app/ui/approval_dialog.py" line="52"/>
        <source>Manager approval</source>
        <translation>Accord du responsable</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/approval_dialog.py" line="56"/>
        <source>A manager scans their badge or types their ID, then their PIN.</source>
        <translation>Un responsable scanne son badge ou saisit son identifiant, puis son code PIN.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/approval_dialog.py" line="58"/>
        <source>It cannot be %1.</source>
        <translation>Ce ne peut pas être %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/approval_dialog.py" line="64"/>
        <source>Approve</source>
        <translation>Valider</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/approval_dialog.py" line="65"/>
        <source>Manager</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/approval_dialog.py" line="66"/>
        <source>Scan the badge or type the manager ID</source>
        <translation>Scannez le badge ou saisissez l’identifiant du responsable</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/approval_dialog.py" line="72"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/approval_dialog.py" line="92"/>
        <source>A manager approves the return of order %1.</source>
        <translation>Un responsable valide le retour de la commande %1.</translation>
    </message>
</context>
<context>
    <name>StaffGate</name>
    <message>
        <location filename="../../kiosk_app/flows/sign_in/ui/screen.py" line="160"/>
        <source>Lock</source>
        <translation>Verrouiller</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sign_in/ui/screen.py" line="161"/>
        <source>Lock the screen</source>
        <translation>Verrouiller l’écran</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sign_in/ui/screen.py" line="163"/>
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sign_in/ui/screen.py" line="229"/>
        <source>This is a device set-up code, not a staff badge.</source>
        <translation>C’est un code de configuration d’appareil, pas un badge du personnel.</translation>
    </message>
</context>
<context>
    <name>SyncFlow</name>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="516"/>
        <source>Sync</source>
        <translation>Synchro</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="568"/>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="583"/>
        <source>This operation changed meanwhile; the list is up to date now.</source>
        <translation>Cette opération a changé entre-temps&#xa0;; la liste est maintenant à jour.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="574"/>
        <source>Sending everything now.</source>
        <translation>Envoi de toutes les opérations en cours.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="587"/>
        <source>Dismissed. The note is kept with the operation.</source>
        <translation>Clôturée. La note est conservée avec l’opération.</translation>
    </message>
</context>
<context>
    <name>SyncScreen</name>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="147"/>
        <source>Sync</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="151"/>
        <source>Retry all now</source>
        <translation>Tout renvoyer</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="178"/>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="182"/>
        <source>What works offline</source>
        <translation>Ce qui fonctionne hors ligne</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="208"/>
        <source>Pickup handed over</source>
        <translation>Remise d’un retrait</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="209"/>
        <source>Pickup check-in</source>
        <translation>Arrivée pour un retrait</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="210"/>
        <source>Return and refund</source>
        <translation>Retour et remboursement</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="211"/>
        <source>Endless-aisle order</source>
        <translation>Commande rayon infini</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="212"/>
        <source>Endless-aisle payment</source>
        <translation>Paiement rayon infini</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="213"/>
        <source>Device enrollment</source>
        <translation>Enrôlement de l’appareil</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="218"/>
        <source>Will be sent in a moment. Nothing to do.</source>
        <translation>Sera envoyée dans un instant. Rien à faire.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="220"/>
        <source>Waiting for the network: it is sent automatically when the central system answers. Nothing to do.</source>
        <translation>En attente du réseau&#xa0;: envoi automatique dès que le système central répond. Rien à faire.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="224"/>
        <source>Sent, but no answer came back. It is re-sent safely and can never be applied twice. Nothing to do.</source>
        <translation>Envoyée, mais aucune réponse reçue. Elle est renvoyée sans risque et ne peut jamais être appliquée deux fois. Rien à faire.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="228"/>
        <source>Already done elsewhere (another device or the customer). Check the order; if nothing is missing, dismiss with a note.</source>
        <translation>Déjà fait ailleurs (autre appareil ou client). Vérifiez la commande&#xa0;; s’il ne manque rien, clôturez avec une note.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="232"/>
        <source>The order changed meanwhile (cancelled, expired or stock gone). Check it, tell the customer, then dismiss with a note saying what you did.</source>
        <translation>La commande a changé entre-temps (annulée, expirée ou stock épuisé). Vérifiez-la, prévenez le client, puis clôturez avec une note indiquant l’action menée.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="236"/>
        <source>The central system refused the data. Redo the operation from its screen, then dismiss this one with a note.</source>
        <translation>Le système central a refusé les données. Refaites l’opération depuis son écran, puis clôturez celle-ci avec une note.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="240"/>
        <source>This device was refused (rights, token or software). Call IT support; retry once they have fixed it.</source>
        <translation>Cet appareil a été refusé (droits, jeton ou logiciel). Appelez le support informatique&#xa0;; réessayez une fois le problème corrigé.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="248"/>
        <source>just now</source>
        <translation>à l’instant</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="250"/>
        <source>%1 min ago</source>
        <translation>il y a %1 min</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="253"/>
        <source>%1 h %2 min ago</source>
        <translation>il y a %1 h %2 min</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="257"/>
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>il y a %n j</numerusform>
            <numerusform>il y a %n j</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="333"/>
        <source>%n need(s) attention</source>
        <translation>
            <numerusform>%n à traiter</numerusform>
            <numerusform>%n à traiter</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="262"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="266"/>
        <source>Queued %1</source>
        <translation>Mise en file %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="269"/>
        <source>attempts: %1</source>
        <translation>tentatives&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="275"/>
        <source>Online: writes are sent as they happen.</source>
        <translation>En ligne&#xa0;: les opérations sont envoyées au fil de l’eau.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="277"/>
        <source>Slow or failing connection: writes wait here and are retried.</source>
        <translation>Connexion lente ou instable&#xa0;: les opérations attendent ici et sont renvoyées.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="280"/>
        <source>Offline: writes wait here and are sent when the network is back.</source>
        <translation>Hors ligne&#xa0;: les opérations attendent ici et seront envoyées au retour du réseau.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="282"/>
        <source>Checking the connection…</source>
        <translation>Vérification de la connexion…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="286"/>
        <source>Screens show last known data as of %1.</source>
        <translation>Les écrans affichent les dernières données connues à %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="294"/>
        <source>works offline</source>
        <translation>fonctionne hors ligne</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="294"/>
        <source>needs the network</source>
        <translation>nécessite le réseau</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="328"/>
        <source>Everything has been sent to the central system.</source>
        <translation>Tout a été envoyé au système central.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="331"/>
        <source>%1 waiting to be sent</source>
        <translation>%1 en attente d’envoi</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="353"/>
        <source>Needs attention (%1)</source>
        <translation>À traiter (%1)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="358"/>
        <source>Waiting to be sent (%1)</source>
        <translation>En attente d’envoi (%1)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="364"/>
        <source>Nothing waiting.</source>
        <translation>Rien en attente.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="367"/>
        <source>Dismissed recently</source>
        <translation>Clôturées récemment</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="370"/>
        <source>%1 — note: %2</source>
        <translation>%1 — note&#xa0;: %2</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="383"/>
        <source>Conflict</source>
        <translation>Conflit</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="383"/>
        <source>Refused</source>
        <translation>Refusée</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="399"/>
        <source>What happened: %1</source>
        <translation>Ce qui s’est passé&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="402"/>
        <source>What to do: %1</source>
        <translation>À faire&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="408"/>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="434"/>
        <source>Retry now</source>
        <translation>Renvoyer</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="412"/>
        <source>Dismiss…</source>
        <translation>Clôturer…</translation>
    </message>
</context>
<context>
    <name>TouchKeyboard</name>
    <message>
        <location filename="../../kiosk_app/ui/widgets/touch_keyboard.py" line="33"/>
        <source>On-screen keyboard</source>
        <translation>Clavier à l’écran</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/touch_keyboard.py" line="50"/>
        <source>Capital letters</source>
        <translation>Majuscules</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/touch_keyboard.py" line="55"/>
        <source>space</source>
        <translation>espace</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/touch_keyboard.py" line="55"/>
        <source>Space</source>
        <translation>Espace</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/touch_keyboard.py" line="58"/>
        <source>Delete</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/touch_keyboard.py" line="61"/>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/ui/widgets/touch_keyboard.py" line="61"/>
        <source>Hide the keyboard</source>
        <translation>Masquer le clavier</translation>
    </message>
</context>
</TS>
