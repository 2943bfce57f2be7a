<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AppStatusBar</name>
    <message numerus="yes">
        <location filename="../../kiosk_app/ui/widgets/status.py" line="107"/>
        <source>%n need(s) attention</source>
        <translation>
            <numerusform>%n needs attention</numerusform>
            <numerusform>%n need attention</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomerScreen</name>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="489"/>
        <source>%n customer(s) found</source>
        <translation>
            <numerusform>%n customer found</numerusform>
            <numerusform>%n customers found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="676"/>
        <source>%n item(s) · %1</source>
        <translation>
            <numerusform>%n item · %1</numerusform>
            <numerusform>%n items · %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="683"/>
        <source>Order the %n line(s) not in stock here</source>
        <translation>
            <numerusform>Order the line not in stock here</numerusform>
            <numerusform>Order the %n lines not in stock here</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="732"/>
        <source>To fetch from the shop floor: %n line(s)</source>
        <translation>
            <numerusform>To fetch from the shop floor: %n line</numerusform>
            <numerusform>To fetch from the shop floor: %n lines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="761"/>
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/customer/ui/screen.py" line="794"/>
        <source>%n more older order(s)</source>
        <translation>
            <numerusform>%n more older order</numerusform>
            <numerusform>%n more older orders</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message numerus="yes">
        <location filename="../../kiosk_app/shell/home.py" line="274"/>
        <source>%n product(s) found</source>
        <translation>
            <numerusform>%n product found</numerusform>
            <numerusform>%n products found</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message numerus="yes">
        <location filename="../../kiosk_app/ui/widgets/idle_overlay.py" line="63"/>
        <source>%n second(s) left</source>
        <translation>
            <numerusform>%n second left</numerusform>
            <numerusform>%n seconds left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LineRow</name>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="118"/>
        <source>%n returnable</source>
        <translation>
            <numerusform>%n returnable</numerusform>
            <numerusform>%n returnable</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PickupScreen</name>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="571"/>
        <source>%n order(s) · %1 waiting · updated %2</source>
        <translation>
            <numerusform>%n order · %1 waiting · updated %2</numerusform>
            <numerusform>%n orders · %1 waiting · updated %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="704"/>
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="821"/>
        <source>%n missing</source>
        <translation>
            <numerusform>%n missing</numerusform>
            <numerusform>%n missing</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="823"/>
        <source>%n damaged</source>
        <translation>
            <numerusform>%n damaged</numerusform>
            <numerusform>%n damaged</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="935"/>
        <source>Handing over %1 of %n item(s) (partial collection).</source>
        <translation>
            <numerusform>Handing over %1 of %n item (partial collection).</numerusform>
            <numerusform>Handing over %1 of %n items (partial collection).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="937"/>
        <source>Handing over all %1 of %n item(s).</source>
        <translation>
            <numerusform>Handing over the %n item.</numerusform>
            <numerusform>Handing over all %1 of %n items.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="973"/>
        <source>%n item(s) handed over</source>
        <translation>
            <numerusform>%n item handed over</numerusform>
            <numerusform>%n items handed over</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueueRow</name>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/pickup/ui/screen.py" line="119"/>
        <source>%1 · %n item(s)</source>
        <extracomment>under this screen width a hand-over step stacks its two cards (portrait tablets; 1024 x 768 keeps them side by side). Queue rows stack under the common 980 px (see responsive.py).</extracomment>
        <translation>
            <numerusform>%1 · %n item</numerusform>
            <numerusform>%1 · %n items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReturnScreen</name>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/returns/ui/screen.py" line="520"/>
        <source>Delivered %n day(s) ago</source>
        <translation>
            <numerusform>Delivered %n day ago</numerusform>
            <numerusform>Delivered %n days ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncScreen</name>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="257"/>
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk_app/flows/sync/ui/screen.py" line="333"/>
        <source>%n need(s) attention</source>
        <translation>
            <numerusform>%n needs attention</numerusform>
            <numerusform>%n need attention</numerusform>
        </translation>
    </message>
</context>
</TS>
